"""Gettext catalogues: messages.pot and <lang>/LC_MESSAGES/messages.po (.mo files are built)."""

from pathlib import Path

LOCALES_DIR = Path(__file__).resolve().parent
DOMAIN = "messages"
