"""Bot profile (commands, menu button) and the query round trips (callbacks, inline)."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    MenuButtonCommands,
)

from bot.sandbox import FakeTelegram, SandboxUser

MENU = InlineKeyboardMarkup(
    inline_keyboard=[
        [InlineKeyboardButton(text="🇬🇧 English", callback_data="lang:en")],
        [
            InlineKeyboardButton(text="Español", callback_data="lang:es"),
            InlineKeyboardButton(text="Docs", url="https://example.org/docs"),
        ],
    ]
)


async def test_commands_are_stored_per_language_and_scope(bot: Bot, fake: FakeTelegram) -> None:
    english = [
        BotCommand(command="start", description="Start"),
        BotCommand(command="help", description="Help"),
    ]
    spanish = [BotCommand(command="start", description="Empezar")]
    assert await bot.set_my_commands(english)
    assert await bot.set_my_commands(spanish, language_code="es")
    await bot.set_my_commands(
        [BotCommand(command="admin", description="Admin")], scope=BotCommandScopeChat(chat_id=7)
    )
    assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
    assert [c.description for c in await bot.get_my_commands(language_code="es")] == ["Empezar"]
    assert await bot.get_my_commands(language_code="fr") == []
    assert await bot.get_my_commands(scope=BotCommandScopeAllPrivateChats()) == []
    assert fake.commands_for(language_code="es") == [
        {"command": "start", "description": "Empezar"}
    ]
    assert fake.commands_for({"type": "chat", "chat_id": 7})[0]["command"] == "admin"
    await bot.delete_my_commands(language_code="es")
    assert fake.commands_for(language_code="es") == []


async def test_invalid_command_names_are_refused(bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="Start Now", description="x")])


async def test_menu_button_and_profile_texts(bot: Bot, fake: FakeTelegram) -> None:
    assert await bot.set_chat_menu_button(menu_button=MenuButtonCommands())
    assert fake.menu_buttons[None] == {"type": "commands"}
    assert await bot.set_my_description("Assistant for POPs at the border", language_code="en")
    assert (await bot.get_my_description(language_code="en")).description.startswith("Assistant")


async def test_press_creates_a_callback_query_answered_once(
    bot: Bot, fake: FakeTelegram, user: SandboxUser
) -> None:
    sent = await bot.send_message(user.id, "Language?", reply_markup=MENU)
    query_id = fake.press(user.id, sent.message_id, "lang:es")
    (update,) = await bot.get_updates()
    assert update.callback_query is not None
    assert (update.callback_query.id, update.callback_query.data) == (query_id, "lang:es")
    assert update.callback_query.message is not None
    assert update.callback_query.message.message_id == sent.message_id
    assert await bot.answer_callback_query(query_id, text="Saved")
    assert fake.callback_queries[query_id].answer is not None
    with pytest.raises(TelegramBadRequest) as caught:
        await bot.answer_callback_query(query_id)
    assert caught.value.message == (
        "Bad Request: query is too old and response timeout expired or query ID is invalid"
    )
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query("made-up")


async def test_pressing_a_button_that_does_not_exist_raises(
    bot: Bot, fake: FakeTelegram, user: SandboxUser
) -> None:
    sent = await bot.send_message(user.id, "Language?", reply_markup=MENU)
    with pytest.raises(ValueError, match="no button with callback_data 'lang:de'"):
        fake.press(user.id, sent.message_id, "lang:de")
    with pytest.raises(ValueError, match="no bot message"):
        fake.press(user.id, 999, "lang:en")
    with pytest.raises(ValueError, match="no buttons match"):
        fake.press_button(user.id, "Deutsch")
    with pytest.raises(ValueError, match="has no callback_data"):
        fake.press_button(user.id, "Docs")
    with pytest.raises(ValueError, match="#4 does not exist"):
        fake.press_button(user.id, 4)
    await bot.delete_message(user.id, sent.message_id)
    with pytest.raises(ValueError, match="no bot message with an inline keyboard"):
        fake.press_button(user.id, 1)
    assert await bot.get_updates() == []


async def test_press_button_by_label_or_position(
    bot: Bot, fake: FakeTelegram, user: SandboxUser
) -> None:
    await bot.send_message(user.id, "old", reply_markup=MENU)
    latest = await bot.send_message(user.id, "Language?", reply_markup=MENU)
    await bot.send_message(user.id, "no keyboard here")
    fake.press_button(user.id, "English")
    fake.press_button(user.id, "español")
    fake.press_button(user.id, 2, message_id=1)
    updates = await bot.get_updates()
    pressed = [
        (u.callback_query.message.message_id, u.callback_query.data)
        for u in updates
        if u.callback_query and u.callback_query.message
    ]
    assert pressed == [
        (latest.message_id, "lang:en"),
        (latest.message_id, "lang:es"),
        (1, "lang:es"),
    ]


async def test_inline_query_answer_is_stored(
    bot: Bot, fake: FakeTelegram, user: SandboxUser
) -> None:
    query_id = fake.inline_query(user.id, "pcb")
    (update,) = await bot.get_updates()
    assert update.inline_query is not None
    assert update.inline_query.query == "pcb"
    article = InlineQueryResultArticle(
        id="hs-2903",
        title="PCBs",
        input_message_content=InputTextMessageContent(
            message_text="<b>HS 2903</b>", parse_mode="HTML"
        ),
        reply_markup=InlineKeyboardMarkup(
            inline_keyboard=[[InlineKeyboardButton(text="More", callback_data="m")]]
        ),
    )
    assert await bot.answer_inline_query(query_id, [article], cache_time=1)
    record = fake.inline_queries[query_id]
    assert record.results is not None
    assert record.results[0]["id"] == "hs-2903"
    inline_id = fake.chosen_inline_result(user.id, query_id, "hs-2903")
    chosen = (await bot.get_updates(offset=update.update_id + 1))[0].chosen_inline_result
    assert chosen is not None
    assert chosen.inline_message_id == inline_id
    assert await bot.edit_message_text("Updated", inline_message_id=inline_id)


async def test_inline_answer_validation(bot: Bot, fake: FakeTelegram, user: SandboxUser) -> None:
    query_id = fake.inline_query(user.id, "x")
    broken = InlineQueryResultArticle(
        id="a",
        title="t",
        input_message_content=InputTextMessageContent(message_text="<b>x", parse_mode="HTML"),
    )
    with pytest.raises(TelegramBadRequest, match="Can't find end tag"):
        await bot.answer_inline_query(query_id, [broken])
    twice = InlineQueryResultArticle(
        id="a", title="t", input_message_content=InputTextMessageContent(message_text="x")
    )
    with pytest.raises(TelegramBadRequest, match="RESULT_ID_DUPLICATE"):
        await bot.answer_inline_query(query_id, [twice, twice])
