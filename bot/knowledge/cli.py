"""`popsbot ask` and `popsbot content check`: the curators' tools to test the content.

`ask` prints exactly the plain text the bot would answer (or, with --json, the ranked matches),
so content can be tested without Telegram; `content check` validates every file and every
cross-reference and exits with status 1 when anything is wrong.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click

from bot.i18n import SUPPORTED_LOCALES
from bot.knowledge.cards import render_answer
from bot.knowledge.catalogue import Catalogue, load_catalogue
from bot.knowledge.loader import ContentError
from content import CONTENT_DIR

_PATH = click.option(
    "--path",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=CONTENT_DIR,
    show_default=False,
    help="Content directory (default: the packaged content).",
)


@click.command()
@click.option("--lang", type=click.Choice(SUPPORTED_LOCALES), default="en", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the kind and ranked matches instead.")
@_PATH
@click.argument("question", nargs=-1, required=True)
def ask(lang: str, as_json: bool, path: Path, question: tuple[str, ...]) -> None:
    """Answer QUESTION exactly as the bot would (plain text, no tags)."""
    catalogue = _load_or_exit(path)
    text = " ".join(question)
    result = catalogue.search(text, lang)
    if as_json:
        payload = {
            "query": text,
            "kind": result.kind,
            "matches": [asdict(match) for match in result.matches],
            "hs": asdict(result.hs) if result.hs else None,
            "cas": result.cas,
            "lookalike": result.lookalike,
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    click.echo(render_answer(catalogue, result, lang).plain)


@click.group()
def content() -> None:
    """Curated content: validation and statistics."""


@content.command()
@_PATH
def check(path: Path) -> None:
    """Load and validate every content file; list every problem; exit 1 if there is any."""
    try:
        catalogue = load_catalogue(path)
    except ContentError as error:
        click.echo(f"{len(error.problems)} problem(s) in {path}:", err=True)
        for problem in error.problems:
            click.echo(f"  - {problem}", err=True)
        raise SystemExit(1) from None
    click.echo(f"Content OK: {path}")
    for name, count in catalogue.counts().items():
        click.echo(f"  {name}: {count}")


def _load_or_exit(path: Path) -> Catalogue:
    try:
        return load_catalogue(path)
    except ContentError as error:
        click.echo(str(error), err=True)
        raise SystemExit(1) from None


def _mount_gaps() -> None:
    """`content gaps` reads the database (the questions the bot logged), so it lives with the
    other database commands and is attached here, where curators look for it."""
    from bot.cli.gaps import gaps

    content.add_command(gaps)


_mount_gaps()
