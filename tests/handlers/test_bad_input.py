"""Bad input gets a clear answer, the conversation stays where it was, nothing crashes."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from tests.harness import BotHarness, Chat


async def onboard(harness: BotHarness, user_id: int, country: str = "Peru") -> Chat:
    chat = harness.chat(user_id)
    await chat.say("/start")
    await chat.press("English")
    await chat.press(country)
    return chat


async def test_unknown_command_keeps_the_step(harness: BotHarness) -> None:
    chat = harness.chat(601)
    await chat.say("/start")
    await chat.press("English")  # now waiting for a country
    reply = await chat.say("/frobnicate now")
    assert "I don't know the command /frobnicate" in reply.text
    reply = await chat.press("Chile")  # the country step is still there
    assert "several time zones" in reply.text


async def test_text_where_a_button_is_expected(harness: BotHarness) -> None:
    chat = harness.chat(602)
    await chat.say("/start")
    reply = await chat.say("hola")
    assert "I was expecting something else here" in reply.text
    reply = await chat.press("Español")
    assert not reply.failed


async def test_huge_and_hostile_text_at_a_prompt(harness: BotHarness) -> None:
    chat = harness.chat(603)
    await chat.say("/start")
    await chat.press("English")
    await chat.press("Other country")
    reply = await chat.say("<b>" + "x" * 4090)
    assert not reply.failed
    assert "I don't know the time zone «&lt;b&gt;xxx" in reply.text
    assert len(reply.texts[0]) < 1000
    reply = await chat.say("<i>Lima</i> & co")
    assert "&lt;i&gt;Lima&lt;/i&gt; &amp; co" in reply.text
    reply = await chat.say("America/Lima")  # still waiting for a zone: nothing was lost
    assert "All set!" in reply.text


async def test_photo_or_file_where_text_is_expected(harness: BotHarness) -> None:
    chat = harness.chat(604)
    await chat.say("/start")
    await chat.press("English")
    await chat.press("Other country")
    reply = await chat.send_photo()
    assert "type your time zone" in reply.text
    reply = await chat.send_document(b"MZ\x90\x00", "invoice.exe", "application/octet-stream")
    assert "type your time zone" in reply.text


async def test_unexpected_photo_outside_a_conversation(harness: BotHarness) -> None:
    chat = await onboard(harness, 605)
    reply = await chat.send_photo()
    assert "I can only read text messages here" in reply.text


async def test_stale_button_from_an_older_version(harness: BotHarness) -> None:
    chat = await onboard(harness, 606)
    markup = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="Old", callback_data="zz:legacy")]]
    )
    sent = await harness.app.bot.send_message(606, "old message", reply_markup=markup)
    reply = await chat.press_data(sent.message_id, "zz:legacy")
    assert "This button is no longer active" in reply.text


async def test_double_tap_on_the_same_button(harness: BotHarness) -> None:
    """Both taps reach the bot before its answer does: the second is harmless."""
    chat = await onboard(harness, 607)
    await chat.press("Settings")
    button = next(b for row in chat.last.buttons for b in row if b.text == "Language")
    assert button.callback_data
    seq = harness.fake.next_seq
    for _ in range(2):
        harness.fake.press(607, chat.last.message_id, button.callback_data)
    await harness.pump()
    calls = harness.fake.calls_since(seq)
    edits = [(c.ok, c.error or "") for c in calls if c.method == "editMessageText"]
    assert edits[0] == (True, "")
    assert "message is not modified" in edits[1][1]  # Telegram refuses the identical edit...
    assert not [c for c in calls if c.method == "sendMessage"]  # ...and the user sees no error
    assert "Choose your language" in chat.last.text
    assert len([c for c in calls if c.method == "answerCallbackQuery" and c.ok]) == 2


async def test_cancel_without_and_with_a_step(harness: BotHarness) -> None:
    chat = await onboard(harness, 608)
    assert "nothing to stop" in (await chat.say("/cancel")).text
    await chat.say("/timezone")
    await chat.press("Another time zone")
    assert "Stopped." in (await chat.say("/cancel")).text
