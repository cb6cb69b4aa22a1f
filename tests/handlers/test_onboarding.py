"""First contact to main menu, as a table of what the user does and what the bot answers."""

from __future__ import annotations

from bot.geo import countries, country_name
from tests.harness import BotHarness, Reply


async def test_newcomer_in_english_reaches_the_menu(harness: BotHarness) -> None:
    chat = harness.chat(501, language="en", first_name="Ana")
    await chat.run(
        [
            ("say", "/start", ["Welcome to <b>popsbot</b>, Ana!", "which language"]),
            ("press", "English", "Which country do you work in?"),
            ("press", "Bolivia", ["All set!", "America/La_Paz", "Main menu", "customs officer"]),
        ]
    )
    assert "⚙️ Settings" in chat.button_labels()
    assert "🛡 Administration" not in chat.button_labels()


async def test_country_with_several_zones_asks_which(harness: BotHarness) -> None:
    chat = harness.chat(502)
    await chat.run(
        [
            ("say", "/start", "which language"),
            ("press", "English", "Which country"),
            ("press", "Brazil", "several time zones"),
            ("press", "Manaus", ["All set!", "America/Manaus"]),
        ]
    )


async def test_country_can_be_typed_and_other_country_types_a_zone(harness: BotHarness) -> None:
    chat = harness.chat(503)
    await chat.run(
        [
            ("say", "/start", "which language"),
            ("press", "English", "Which country"),
            ("say", "Atlantis", "couldn't find that country"),
            ("press", "Other country", "type your time zone"),
            ("say", "Mars/Base", "I don't know the time zone «Mars/Base»"),
            ("say", "madrid", ["All set!", "Europe/Madrid"]),
        ]
    )


async def test_unsupported_telegram_language_falls_back_to_english(harness: BotHarness) -> None:
    chat = harness.chat(504, language="de")
    reply = await chat.say("/start")
    assert "Welcome to <b>popsbot</b>" in reply.text


async def test_every_country_confirms_cleanly(harness: BotHarness) -> None:
    """CLDR names such as 'Trinidad & Tobago' are escaped wherever they reach HTML."""
    for offset, code in enumerate(countries()):
        chat = harness.chat(6000 + offset, first_name="Tess")
        await chat.say("/start")
        await chat.press("English")
        reply = await chat.press(country_name(code, "en"))
        assert not reply.failed, (code, reply.failed)
        if len(countries()[code].zones) > 1:
            reply = await chat.press(1)
        assert "All set!" in reply.text, code
    sent = [str(call.params.get("text", "")) for call in harness.fake.calls]
    assert any("Trinidad &amp; Tobago" in text for text in sent)


async def test_html_in_a_name_is_shown_as_text(harness: BotHarness) -> None:
    chat = harness.chat(505, first_name="<b>Eve</b> & <script>")
    reply = await chat.say("/start")
    assert "&lt;b&gt;Eve&lt;/b&gt; &amp; &lt;script&gt;" in reply.text
    assert not reply.failed


async def test_returning_user_gets_the_menu(harness: BotHarness) -> None:
    chat = harness.chat(506)
    await chat.say("/start")
    await chat.press("English")
    await chat.press("Peru")
    reply = await chat.say("/start")
    assert "Welcome back, Ana!" in reply.text
    assert "Main menu" in reply.text


async def test_menu_help_language_country_always_answer(harness: BotHarness) -> None:
    chat = harness.chat(507)
    for command, expected in [
        ("/menu", "Main menu"),
        ("/help", "/timezone"),
        ("/language", "Choose your language"),
        ("/country", "Choose your country"),
        ("/timezone", "Your time zone is"),
    ]:
        reply: Reply = await chat.say(command)
        assert expected in reply.text, (command, reply.text)


async def test_command_menus_are_published_per_language(harness: BotHarness) -> None:
    fake = harness.fake
    english = [c["command"] for c in fake.commands_for(language_code="en")]
    assert english[0] == "menu"  # features add theirs (report, events...) after the menu
    assert {"help", "language", "country", "timezone", "cancel"} <= set(english)
    for language in ("", "es", "fr", "pt"):
        assert len(fake.commands_for(language_code=language)) == len(english)
