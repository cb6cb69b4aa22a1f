"""Users of the sandbox for case conversations: onboarding, the directory, delivery."""

from __future__ import annotations

from bot.delivery.worker import drain
from tests.cases import factories
from tests.harness import BotHarness, Chat

LANGUAGE_BUTTON = {"en": "English", "es": "Español", "fr": "Français", "pt": "Português"}


async def onboard(
    harness: BotHarness,
    user_id: int,
    lang: str = "en",
    country: str = "Bolivia",
    name: str = "Ana",
) -> Chat:
    chat = harness.chat(user_id, language=lang, first_name=name)
    await chat.say("/start")
    await chat.press(LANGUAGE_BUTTON[lang])
    await chat.press(country)
    return chat


async def directory(harness: BotHarness, csv_text: str = factories.BOLIVIA_DIRECTORY) -> None:
    async with harness.app.services.sessionmaker() as session:
        await factories.directory_from(session, csv_text)


async def deliver(harness: BotHarness) -> int:
    """Send everything the outbox has due now, as the running bot's sender would."""
    return await drain(harness.app.services, harness.app.bot)


def texts_to(harness: BotHarness, user_id: int) -> list[str]:
    return [m.text for m in harness.fake.messages_to(user_id)]


def buttons_of(harness: BotHarness, user_id: int) -> list[str]:
    message = harness.fake.last_message(user_id)
    return [b.text for row in message.buttons for b in row] if message else []


REPORT_EN = [
    ("say", "/report", ["Step 1 of", "What was found?"]),
    ("press", "Pesticide", "Which substance or product?"),
    ("say", "lindano", "Is «lindano» one of these?"),
    ("press", "Lindane", "HS code declared for the goods?"),
    ("say", "SA 3808.52.10", "If you think the correct HS code"),
    ("say", "2903.81", "Quantity and unit?"),
    ("say", "1.500,5 kg", "Packaging and labelling?"),
    ("say", "40 drums, labels in Portuguese", "Import, export or transit?"),
    ("press", "Import", "Country of origin?"),
    ("say", "Brasil", "Where? Type the port"),
    ("say", "Puerto Quijarro", "share the exact location"),
    ("press", "Continue without location", "When did it happen?"),
    ("press", "Yesterday", "What was done?"),
    ("press", "Detained", "What was done?"),
    ("press", "Sampled", "What was done?"),
    ("press", "Continue", "Send photos or documents"),
    ("photo", None, ["File added (1 in this report)", "Files so far: 1."]),
    ("press", "Continue", "Anything else the focal point should know?"),
    ("say", "Seal broken on 3 drums.", ["Review your report", "Lindane", "2903.81", "1,500.5 kg",
                                        "Import: Brazil → Bolivia", "Detained, Sampled"]),
]  # fmt: skip

REPORT_ES = [
    ("say", "/report", "¿Qué se encontró?"),
    ("press", "Sustancia química", "¿Qué sustancia o producto?"),
    ("say", "DDT", "¿«DDT» es uno de estos?"),
    ("press", "DDT", "¿Código SA declarado"),
    ("press", "No se declaró código", "Si crees que el código SA correcto es otro"),
    ("say", "3808.52", "¿Cantidad y unidad?"),
    ("say", "200 kg", "¿Embalaje y etiquetado?"),
    ("press", "Omitir", "¿Importación, exportación o tránsito?"),
    ("press", "Tránsito", "¿País de origen?"),
    ("say", "China", "¿País de destino?"),
    ("say", "Paraguay", "¿Dónde?"),
    ("say", "Puerto Suárez", "ubicación exacta"),
    ("press", "Continuar sin ubicación", "¿Cuándo ocurrió?"),
    ("say", "6/3/2026", "¿Qué se hizo?"),
    ("press", "Decomisado", "¿Qué se hizo?"),
    ("press", "Continuar", "Envía fotos o documentos"),
    ("photo", None, "Archivo añadido (1 en este reporte)"),
    ("press", "Continuar", "¿Algo más que el punto focal deba saber?"),
    ("press", "Omitir", ["Revisa tu reporte", "DDT", "Tránsito: China → Paraguay", "Decomisado"]),
]


async def forge(chat: Chat, data: str):  # type: ignore[no-untyped-def]
    """Press a button the bot never sent (a modified client): put it on the last message."""
    message = chat.h.fake.last_message(chat.user_id)
    assert message is not None
    original = message.reply_markup
    message.reply_markup = {"inline_keyboard": [[{"text": "forged", "callback_data": data}]]}
    try:
        return await chat.press_data(message.message_id, data)
    finally:
        message.reply_markup = original
