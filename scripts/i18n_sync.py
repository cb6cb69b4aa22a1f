"""Extract messages.pot from the code, update every catalogue, and fill in translations kept in
locales/incoming/<feature>.<lang>.po.

Features built in parallel keep their translations in their own incoming file, so nobody edits
the shared catalogues by hand at the same time; running this merges them deterministically
(under a file lock, so two runs cannot interleave). Existing translations in the catalogues are
kept; an incoming translation wins for its message. Usage: `make i18n-sync`.
"""

from __future__ import annotations

import fcntl
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ROOT / "locales"
LANGS = ("en", "es", "fr", "pt")
KEYWORDS = {"_": None, "__": None, "gettext": None, "lazy_gettext": None}


def extract() -> Catalog:
    template = Catalog(project="popsbot", copyright_holder="popsbot developers")
    for directory in ("bot", "handlers"):
        for _file, _line, message, comments, context in extract_from_dir(
            ROOT / directory, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
        ):
            template.add(message, None, auto_comments=comments, context=context)
    return template


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as handle:
        write_po(handle, catalog, width=99, omit_header=False, sort_by_file=False,
                 ignore_obsolete=True, no_location=True)  # fmt: skip
    tmp.replace(path)


def incoming(lang: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for path in sorted((LOCALES / "incoming").glob(f"*.{lang}.po")):
        for message in read(path, lang):
            if message.id and message.string and not message.fuzzy:
                found[str(message.id)] = str(message.string)
    return found


def sync() -> list[str]:
    template = extract()
    write(LOCALES / "messages.pot", template)
    report = []
    for lang in LANGS:
        path = LOCALES / lang / "LC_MESSAGES" / "messages.po"
        catalog = read(path, lang) if path.exists() else Catalog(locale=lang)
        catalog.update(template, no_fuzzy_matching=True)
        extra = incoming(lang)
        for message in catalog:
            if message.id and str(message.id) in extra:
                message.string = extra[str(message.id)]
                message.flags.discard("fuzzy")
        write(path, catalog)
        missing = sum(1 for m in catalog if m.id and not m.string)
        report.append(
            f"{lang}: {len([m for m in catalog if m.id])} messages, {missing} untranslated"
        )
    return report


def main() -> int:
    with (LOCALES / ".sync.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for line in sync():
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
