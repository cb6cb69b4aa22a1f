"""Every message is translated in es, fr and pt, none is fuzzy, and placeholders survive."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from locales import LOCALES_DIR

PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
TAG = re.compile(r"</?[a-z]+")


def catalogue(lang: str):  # type: ignore[no-untyped-def]
    with (LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def template_ids() -> set[str]:
    with (LOCALES_DIR / "messages.pot").open("rb") as handle:
        return {str(m.id) for m in read_po(handle) if m.id}


@pytest.mark.parametrize("lang", ["es", "fr", "pt"])
def test_catalogue_is_complete_and_not_fuzzy(lang: str) -> None:
    messages = [m for m in catalogue(lang) if m.id]
    ids = {str(m.id) for m in messages}
    assert template_ids() <= ids, f"{lang}: run `make i18n-update`: {template_ids() - ids}"
    untranslated = [m.id for m in messages if not m.string]
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert not untranslated, f"{lang}: {len(untranslated)} untranslated, e.g. {untranslated[:3]}"
    assert not fuzzy, f"{lang}: fuzzy entries {fuzzy[:3]}"


@pytest.mark.parametrize("lang", ["es", "fr", "pt"])
def test_placeholders_and_tags_survive_translation(lang: str) -> None:
    for message in catalogue(lang):
        if not message.id or not message.string:
            continue
        source, target = str(message.id), str(message.string)
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(target)), (
            lang,
            source,
        )
        assert sorted(TAG.findall(source)) == sorted(TAG.findall(target)), (lang, source)


def test_template_is_current(tmp_path: Path) -> None:
    """messages.pot matches the code: a string added without `make i18n-update` fails here."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    root = LOCALES_DIR.parent
    found = Catalog()
    for directory in ("bot", "handlers"):
        for _, _, message, _, _ in extract_from_dir(
            root / directory,
            keywords={"_": None, "__": None, "gettext": None, "lazy_gettext": None},
        ):
            found.add(message)
    in_code = {str(m.id) for m in found if m.id}
    missing = in_code - template_ids()
    assert not missing, f"strings missing from messages.pot (run make i18n-update): {missing}"
