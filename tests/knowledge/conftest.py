"""Fixtures for the knowledge core: the real catalogue, and editable copies of the content."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.knowledge.catalogue import Catalogue, load_catalogue
from content import CONTENT_DIR

REFERENCE = Path("/work/shared/reference/pops_hs_reference.yaml")
DATA = Path(__file__).with_name("data")
ALLOWED_TAGS = {"b", "i", "code", "a"}


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A private copy of the content tree that a test may break on purpose."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return target


@pytest.fixture
def edit_yaml() -> Callable[[Path, Callable[[Any], None]], None]:
    """Load a YAML file, let the test change the data, write it back."""

    def edit(path: Path, change: Callable[[Any], None]) -> None:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )

    return edit


class TelegramHtmlChecker(HTMLParser):
    """Collects structural errors: tags Telegram refuses, bad attributes, unbalanced nesting."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.errors.append(f"tag <{tag}> is not allowed")
        allowed_attrs = {"href"} if tag == "a" else set()
        if {name for name, _ in attrs} - allowed_attrs:
            self.errors.append(f"attributes {attrs} on <{tag}>")
        if self.stack:
            self.errors.append(f"<{tag}> nested in <{self.stack[-1]}>")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(f"unbalanced </{tag}>")


def html_errors(markup: str) -> list[str]:
    checker = TelegramHtmlChecker()
    checker.feed(markup)
    checker.close()
    if checker.stack:
        checker.errors.append(f"unclosed {checker.stack}")
    return checker.errors


def strip_tags(markup: str) -> str:
    """The visible text of Telegram HTML, entities decoded."""
    parts: list[str] = []

    class Text(HTMLParser):
        def handle_data(self, data: str) -> None:
            parts.append(data)

    parser = Text(convert_charrefs=True)
    parser.feed(markup)
    parser.close()
    return "".join(parts)
