"""Bad input at every step of a report: a clear answer, the same question, nothing lost."""

from __future__ import annotations

from tests.cases import chats
from tests.harness import BotHarness

SAME = "Step "  # every re-asked question carries its step number


async def test_bad_input_at_every_step_keeps_the_question_and_the_answers(
    harness: BotHarness,
) -> None:
    officer = await chats.onboard(harness, 3201, "en")
    await officer.say("/report")
    first_question = officer.last.message_id
    await officer.run(
        [
            ("say", "hola", ["Please answer with the buttons above.", "What was found?"]),
            ("say", "/frobnicate", "I don't know the command /frobnicate"),
            ("press", "Waste", "Which substance or product?"),
            ("say", "x" * 4000, ["That is too long", "Which substance or product?"]),
            (
                "say",
                "<b>aceite</b> & <script>",
                "«&lt;b&gt;aceite&lt;/b&gt; &amp; &lt;script&gt;»",
            ),
            ("say", "transformer oil", "Is «transformer oil» one of these?"),
            ("press", "Keep", "HS code declared for the goods?"),
            ("say", "abc", ["That is not an HS code", "HS code declared"]),
            ("say", "12345", "That is not an HS code"),
            ("say", "0000.00", "That is not an HS code"),
            ("say", "2710.91", "If you think the correct HS code"),
            ("press", "Same as declared", "Quantity and unit?"),
            ("say", "lots", ["Please type a quantity as a number", "Quantity and unit?"]),
            ("say", "0 kg", "Please type a quantity as a number"),
            ("say", "3 drums", "Which unit for 3?"),
            ("say", "barrels", ["Please type a quantity", "Which unit for 3?"]),
            ("press", "units", "Packaging and labelling?"),
            ("say", "Rusty drums", "Import, export or transit?"),
            ("say", "import", "Please answer with the buttons above."),
            ("press", "Export", "Country of destination?"),
            ("say", "Atlantis", ["I don't know that country", "Country of destination?"]),
            ("say", "Paraguay", "Where? Type the port"),
            ("photo", None, ["File added (1 in this report)", "Where? Type the port"]),
            ("say", "Puerto Suárez", "share the exact location"),
            ("press", "Continue without location", "When did it happen?"),
            ("say", "31/02/2026", "Please type a date as day/month/year"),
            ("say", "1/1/2030", "That date is in the future"),
            ("say", "1/1/2019", "more than five years ago"),
            ("say", "5/3", "What was done?"),
        ]
    )
    reply = await officer.press("Continue")
    assert "Choose at least one action" in reply.text  # an alert; the question stays
    await officer.press("Seized")
    reply = await officer.press("Continue")
    assert "Send photos or documents" in reply.text
    reply = await officer.send_document(b"MZ\x90\x00", "invoice.exe", "application/x-msdownload")
    assert "I can't take this kind of file" in reply.text
    reply = await officer.send_document(
        b"%PDF" + b"0" * (1024 * 1024), "scan.pdf", "application/pdf"
    )
    assert "larger than 1 MB" in reply.text
    reply = await officer.send_document(b"%PDF-1.4 bill", "bill.pdf", "application/pdf")
    assert "File added (2 in this report)" in reply.text
    harness.fake.send_location(3201, -18.97, -57.8)
    await harness.pump()
    assert "Location saved" in harness.fake.last_message(3201).text
    reply = await officer.press_data(first_question, "rs:kind:waste")
    assert "already answered" in reply.text  # a stale button changes nothing
    reply = await chats.forge(officer, "rs:files:format-c")
    assert "not valid" in reply.text
    await officer.press("Continue")
    reply = await officer.say("Nothing else")
    for kept in ("Waste", "«transformer oil»", "2710.91", "3 units", "Rusty drums",
                 "Export: Bolivia → Paraguay", "Puerto Suárez · 📍 -18.97000, -57.80000",
                 "Seized", "2 attached", "Nothing else"):  # fmt: skip
        assert kept in reply.text, kept


async def test_commands_and_other_features_still_work_mid_report(harness: BotHarness) -> None:
    officer = await chats.onboard(harness, 3202, "en")
    await officer.run(chats.REPORT_EN[:4])
    assert "Main menu" in (await officer.say("/menu")).text
    assert "/report: report suspected illegal traffic" in (await officer.say("/help")).text
    reply = await officer.say("/report")
    assert "You have an unfinished report" in reply.text


async def test_who_may_report(harness: BotHarness) -> None:
    stranger = harness.chat(3203, language="en")
    reply = await stranger.say("/report")  # not onboarded yet: no role at all
    assert "You don't have permission" in reply.text
    admin = await chats.onboard(harness, 1, "en")  # ADMIN_IDS: an admin, not an officer
    reply = await admin.say("/report")
    assert "What was found?" in reply.text  # admins may do everything
