"""Sending, editing and deleting through aiogram, in-process and over HTTP alike."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    ReplyParameters,
)

from bot.sandbox import BOT_ID, BOT_USERNAME, FakeTelegram, SandboxUser


def keyboard(*pairs: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=text, callback_data=data)] for text, data in pairs
        ]
    )


async def test_get_me_is_the_sandbox_bot(bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.username, me.is_bot) == (BOT_ID, BOT_USERNAME, True)
    assert me.supports_inline_queries is True
    assert bot.id == me.id


async def test_send_message_is_stored_as_the_user_sees_it(
    bot: Bot, fake: FakeTelegram, user: SandboxUser
) -> None:
    sent = await bot.send_message(
        user.id, "<b>Hello</b>, Ann", parse_mode="HTML", reply_markup=keyboard(("Go", "go"))
    )
    assert sent.text == "Hello, Ann"
    assert sent.html_text == "<b>Hello</b>, Ann"
    assert sent.from_user is not None
    assert sent.from_user.id == BOT_ID
    assert sent.chat.id == user.id
    assert sent.chat.type == "private"
    assert sent.reply_markup is not None
    assert sent.reply_markup.inline_keyboard[0][0].callback_data == "go"

    stored = fake.last_message(user.id)
    assert stored is not None
    assert (stored.message_id, stored.text, stored.html) == (
        sent.message_id,
        "Hello, Ann",
        sent.html_text,
    )
    assert stored.buttons[0][0].callback_data == "go"
    assert [c.method for c in fake.calls] == ["sendMessage"]


async def test_message_ids_increase_per_chat(
    bot: Bot, fake: FakeTelegram, user: SandboxUser
) -> None:
    other = fake.add_user(2002, "Bob", started=True)
    first = await bot.send_message(user.id, "one")
    fake.send_text(user.id, "user writes")
    second = await bot.send_message(user.id, "two")
    elsewhere = await bot.send_message(other.id, "hi")
    assert (first.message_id, second.message_id) == (1, 3)
    assert elsewhere.message_id == 1


async def test_edit_text_applies_and_drops_the_keyboard_unless_repeated(
    bot: Bot, fake: FakeTelegram, user: SandboxUser
) -> None:
    sent = await bot.send_message(user.id, "Pick", reply_markup=keyboard(("A", "a")))
    edited = await bot.edit_message_text(
        "Picked <i>A</i>", chat_id=user.id, message_id=sent.message_id, parse_mode="HTML"
    )
    assert not isinstance(edited, bool)
    assert edited.text == "Picked A"
    assert edited.edit_date is not None
    assert edited.reply_markup is None
    stored = fake.messages_to(user.id)[0]
    assert stored.edited
    assert stored.text == "Picked A"
    assert stored.buttons == []
    assert stored.edits == ["Pick"]


async def test_edit_with_identical_content_is_not_modified(bot: Bot, user: SandboxUser) -> None:
    sent = await bot.send_message(
        user.id, "<b>Same</b>", parse_mode="HTML", reply_markup=keyboard(("A", "a"))
    )
    with pytest.raises(TelegramBadRequest) as caught:
        # Different markup, same visible result: Telegram compares text and entities.
        await bot.edit_message_text(
            "<strong>Same</strong>",
            chat_id=user.id,
            message_id=sent.message_id,
            parse_mode="HTML",
            reply_markup=keyboard(("A", "a")),
        )
    assert caught.value.message == (
        "Bad Request: message is not modified: specified new message content and reply markup "
        "are exactly the same as a current content and reply markup of the message"
    )


async def test_edit_reply_markup_and_missing_messages(
    bot: Bot, fake: FakeTelegram, user: SandboxUser
) -> None:
    sent = await bot.send_message(user.id, "Menu", reply_markup=keyboard(("A", "a")))
    await bot.edit_message_reply_markup(
        chat_id=user.id, message_id=sent.message_id, reply_markup=keyboard(("B", "b"))
    )
    assert fake.messages_to(user.id)[0].buttons[0][0].text == "B"
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_reply_markup(
            chat_id=user.id, message_id=sent.message_id, reply_markup=keyboard(("B", "b"))
        )
    with pytest.raises(
        TelegramBadRequest,
        match=r"^Telegram server says - Bad Request: message to edit not found$",
    ):
        await bot.edit_message_text("x", chat_id=user.id, message_id=999)


async def test_delete_flags_the_message_and_second_delete_fails(
    bot: Bot, fake: FakeTelegram, user: SandboxUser
) -> None:
    sent = await bot.send_message(user.id, "temporary")
    assert await bot.delete_message(user.id, sent.message_id) is True
    assert fake.messages_to(user.id)[0].deleted
    assert fake.last_message(user.id) is None
    with pytest.raises(TelegramBadRequest) as caught:
        await bot.delete_message(user.id, sent.message_id)
    assert caught.value.message == "Bad Request: message to delete not found"
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("again", chat_id=user.id, message_id=sent.message_id)


async def test_bad_html_raises_telegrams_error(
    bot: Bot, fake: FakeTelegram, user: SandboxUser
) -> None:
    with pytest.raises(TelegramBadRequest) as caught:
        await bot.send_message(user.id, "Total: <5 items", parse_mode="HTML")
    assert caught.value.message == (
        'Bad Request: can\'t parse entities: Unsupported start tag "5" at byte offset 7'
    )
    assert fake.messages_to(user.id) == []
    assert fake.calls[-1].status == 400
    assert not fake.calls[-1].ok


async def test_text_limit_is_measured_on_visible_text(bot: Bot, user: SandboxUser) -> None:
    await bot.send_message(user.id, "<b>" + "x" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest) as caught:
        await bot.send_message(user.id, "x" * 4097)
    assert caught.value.message == "Bad Request: message is too long"
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(user.id, "<b></b>", parse_mode="HTML")


@pytest.mark.parametrize(
    ("data", "ok"),
    [("x" * 64, True), ("é" * 32, True), ("x" * 65, False), ("é" * 33, False), ("", False)],
)
async def test_callback_data_is_limited_to_64_bytes(
    bot: Bot, user: SandboxUser, data: str, ok: bool
) -> None:
    markup = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="b", callback_data=data)]]
    )
    if ok:
        await bot.send_message(user.id, "k", reply_markup=markup)
        return
    with pytest.raises(TelegramBadRequest) as caught:
        await bot.send_message(user.id, "k", reply_markup=markup)
    assert caught.value.message == "Bad Request: BUTTON_DATA_INVALID"


async def test_inline_button_without_action_is_refused(bot: Bot, user: SandboxUser) -> None:
    markup = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="just text")]])
    with pytest.raises(TelegramBadRequest) as caught:
        await bot.send_message(user.id, "k", reply_markup=markup)
    assert caught.value.message == (
        "Bad Request: can't parse inline keyboard button: "
        "Text buttons are unallowed in the inline keyboard"
    )


async def test_reply_keyboard_is_tracked_until_removed(
    bot: Bot, fake: FakeTelegram, user: SandboxUser
) -> None:
    markup = ReplyKeyboardMarkup(
        keyboard=[[KeyboardButton(text="Yes"), KeyboardButton(text="No")]]
    )
    await bot.send_message(user.id, "Sure?", reply_markup=markup)
    assert fake.reply_keyboard(user.id) == [["Yes", "No"]]
    assert fake.last_message(user.id).reply_keyboard == [["Yes", "No"]]  # type: ignore[union-attr]
    await bot.send_message(user.id, "Ok", reply_markup=ReplyKeyboardRemove())
    assert fake.reply_keyboard(user.id) is None


async def test_blocked_deactivated_and_unknown_chats(
    bot: Bot, fake: FakeTelegram, user: SandboxUser
) -> None:
    stranger = fake.add_user(3003, "Never started")
    with pytest.raises(TelegramBadRequest) as not_found:
        await bot.send_message(stranger.id, "hi")
    assert not_found.value.message == "Bad Request: chat not found"
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(424242, "hi")

    fake.block(user.id)
    with pytest.raises(TelegramForbiddenError) as blocked:
        await bot.send_message(user.id, "still there?")
    assert blocked.value.message == "Forbidden: bot was blocked by the user"
    with pytest.raises(TelegramForbiddenError):
        await bot.send_chat_action(user.id, "typing")

    fake.deactivate(user.id)
    with pytest.raises(TelegramForbiddenError) as gone:
        await bot.send_message(user.id, "hello?")
    assert gone.value.message == "Forbidden: user is deactivated"


async def test_user_who_writes_again_unblocks(
    bot: Bot, fake: FakeTelegram, user: SandboxUser
) -> None:
    fake.block(user.id)
    fake.send_text(user.id, "/start")
    assert not user.blocked_bot
    await bot.send_message(user.id, "welcome back")


async def test_reply_to_a_user_message(bot: Bot, fake: FakeTelegram, user: SandboxUser) -> None:
    question = fake.send_text(user.id, "question?")
    answer = await bot.send_message(
        user.id, "answer", reply_parameters=ReplyParameters(message_id=question.message_id)
    )
    assert answer.reply_to_message is not None
    assert answer.reply_to_message.text == "question?"
    with pytest.raises(TelegramBadRequest, match="message to be replied not found"):
        await bot.send_message(user.id, "x", reply_parameters=ReplyParameters(message_id=99))


async def test_location_copy_and_forward(bot: Bot, fake: FakeTelegram, user: SandboxUser) -> None:
    located = await bot.send_location(user.id, latitude=59.33, longitude=18.07)
    assert located.location is not None
    assert located.location.latitude == pytest.approx(59.33)
    original = fake.send_text(user.id, "forward me")
    copied = await bot.copy_message(user.id, from_chat_id=user.id, message_id=original.message_id)
    forwarded = await bot.forward_message(
        user.id, from_chat_id=user.id, message_id=original.message_id
    )
    assert fake.find_message(user.id, copied.message_id).text == "forward me"  # type: ignore[union-attr]
    assert forwarded.forward_origin is not None
    assert [m.kind for m in fake.messages_to(user.id)] == ["location", "text", "text"]


async def test_get_chat_and_chat_action(bot: Bot, fake: FakeTelegram, user: SandboxUser) -> None:
    chat = await bot.get_chat(user.id)
    assert (chat.id, chat.type, chat.first_name, chat.username) == (
        user.id,
        "private",
        "Ann",
        "ann",
    )
    assert await bot.send_chat_action(user.id, "typing") is True
    with pytest.raises(TelegramBadRequest, match="wrong parameter action"):
        await bot.send_chat_action(user.id, "dancing")
    assert fake.messages_to(user.id) == []
