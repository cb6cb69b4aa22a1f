"""Languages popsbot speaks and the gettext catalogues behind them.

The catalogues are compiled from the committed .po files by the build (setup.py) and, as a safety
net for source checkouts, on first use when a .mo is missing or older than its .po. Code outside
aiogram handlers (services, CLI, renderers) gets a translator for an explicit locale from here;
handlers use aiogram's context-bound gettext, which reads the same files.
"""

from __future__ import annotations

import gettext
import logging
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from locales import DOMAIN, LOCALES_DIR

SUPPORTED_LOCALES: tuple[str, ...] = ("en", "es", "fr", "pt")
DEFAULT_LOCALE = "en"

log = logging.getLogger(__name__)


def normalize_locale(code: str | None, default: str = DEFAULT_LOCALE) -> str:
    """Map a Telegram language_code such as 'es-419' or 'pt-br' to a supported locale."""
    if not code:
        return default
    base = code.replace("_", "-").split("-", 1)[0].lower()
    return base if base in SUPPORTED_LOCALES else default


def compile_catalogues(locales_dir: Path = LOCALES_DIR, *, force: bool = False) -> list[Path]:
    """Compile every stale <lang>/LC_MESSAGES/messages.po to .mo; return the files written."""
    written: list[Path] = []
    for po_path in sorted(locales_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        mo_path = po_path.with_suffix(".mo")
        if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=po_path.parent.parent.name)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog, use_fuzzy=False)
        written.append(mo_path)
    return written


def ensure_compiled(locales_dir: Path = LOCALES_DIR) -> None:
    """Compile catalogues if the tree is writable; an installed wheel already ships them."""
    try:
        compiled = compile_catalogues(locales_dir)
    except OSError as exc:  # read-only install: the wheel's .mo files are used as they are
        log.debug("catalogues not recompiled: %s", exc)
        return
    if compiled:
        log.debug("compiled %d catalogues", len(compiled))


@cache
def translator(locale: str) -> gettext.NullTranslations:
    """The gettext translations for one supported locale (English is the source language)."""
    ensure_compiled()
    return gettext.translation(
        DOMAIN, localedir=str(LOCALES_DIR), languages=[normalize_locale(locale)], fallback=True
    )
