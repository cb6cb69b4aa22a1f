"""Uploads, getFile and downloads give back the same bytes; photos must be pictures."""

from __future__ import annotations

import struct

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import BufferedInputFile, InputMediaDocument, InputMediaPhoto
from aiohttp import ClientResponseError

from bot.sandbox import FakeTelegram, SandboxUser


def png(width: int, height: int) -> bytes:
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I4sII", 13, b"IHDR", width, height) + b"\0" * 16


async def test_document_roundtrip(bot: Bot, fake: FakeTelegram, user: SandboxUser) -> None:
    payload = bytes(range(256)) * 1000
    sent = await bot.send_document(
        user.id,
        BufferedInputFile(payload, "cases.xlsx"),
        caption="<b>Cases</b>",
        parse_mode="HTML",
    )
    assert sent.document is not None
    assert sent.caption == "Cases"
    assert sent.document.file_name == "cases.xlsx"
    assert sent.document.file_size == len(payload)
    assert sent.document.mime_type == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    file = await bot.get_file(sent.document.file_id)
    assert file.file_path is not None
    assert file.file_size == len(payload)
    downloaded = await bot.download_file(file.file_path)
    assert downloaded is not None
    assert downloaded.read() == payload
    stored = fake.last_message(user.id)
    assert stored is not None
    assert stored.kind == "document"
    assert stored.file_id == sent.document.file_id
    assert stored.caption == "Cases"


async def test_photo_sizes_and_resend_by_file_id(
    bot: Bot, fake: FakeTelegram, user: SandboxUser
) -> None:
    sent = await bot.send_photo(user.id, BufferedInputFile(png(640, 480), "chart.png"))
    assert sent.photo is not None
    size = sent.photo[-1]
    assert (size.width, size.height) == (640, 480)
    again = await bot.send_photo(user.id, size.file_id, caption="again")
    assert again.photo is not None
    assert again.photo[-1].file_id == size.file_id
    with pytest.raises(TelegramBadRequest, match="type of file mismatch"):
        await bot.send_document(user.id, size.file_id)
    with pytest.raises(TelegramBadRequest, match="wrong file identifier"):
        await bot.send_photo(user.id, "no-such-file-id")
    assert [m.kind for m in fake.messages_to(user.id)] == ["photo", "photo"]


async def test_photo_that_is_not_an_image_is_refused(bot: Bot, user: SandboxUser) -> None:
    with pytest.raises(TelegramBadRequest) as caught:
        await bot.send_photo(user.id, BufferedInputFile(b"not an image", "x.png"))
    assert caught.value.message == "Bad Request: IMAGE_PROCESS_FAILED"


async def test_caption_limit(bot: Bot, user: SandboxUser) -> None:
    with pytest.raises(TelegramBadRequest) as caught:
        await bot.send_document(user.id, BufferedInputFile(b"x", "a.txt"), caption="c" * 1025)
    assert caught.value.message == "Bad Request: message caption is too long"
    await bot.send_document(user.id, BufferedInputFile(b"x", "a.txt"), caption="c" * 1024)


async def test_user_uploads_can_be_downloaded_by_the_bot(
    bot: Bot, fake: FakeTelegram, user: SandboxUser
) -> None:
    fake.send_document(user.id, b"label scan", "label.pdf", "application/pdf")
    fake.send_photo(user.id, png(10, 20), caption="seized drum")
    messages = [u.message for u in await bot.get_updates() if u.message]
    document, photo = messages
    assert document.document is not None
    assert photo.photo is not None
    downloaded = await bot.download(document.document.file_id)
    assert downloaded is not None
    assert downloaded.read() == b"label scan"
    picture = await bot.download(photo.photo[-1].file_id)
    assert picture is not None
    assert picture.read() == png(10, 20)


async def test_media_group(bot: Bot, fake: FakeTelegram, user: SandboxUser) -> None:
    sent = await bot.send_media_group(
        user.id,
        media=[
            InputMediaPhoto(media=BufferedInputFile(png(1, 1), "a.png"), caption="one"),
            InputMediaDocument(media=BufferedInputFile(b"doc", "b.txt")),
        ],
    )
    assert len(sent) == 2
    assert sent[0].media_group_id == sent[1].media_group_id
    assert [m.kind for m in fake.messages_to(user.id)] == ["photo", "document"]


async def test_download_of_unknown_path_fails(bot: Bot) -> None:
    with pytest.raises(ClientResponseError) as caught:
        await bot.download_file("documents/missing.txt")
    assert caught.value.status == 404
