"""`popsbot ask` prints exactly the bot's answer; `popsbot content check` fails on bad content."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from bot.knowledge.cards import render_answer
from bot.knowledge.catalogue import Catalogue
from bot.knowledge.cli import ask, content


def test_ask_prints_the_plain_answer(catalogue: Catalogue) -> None:
    result = CliRunner().invoke(ask, ["--lang", "es", "clordano"])
    assert result.exit_code == 0, result.output
    expected = render_answer(catalogue, catalogue.search("clordano", "es"), "es").plain
    assert result.output == expected + "\n"
    assert "<b>" not in result.output


def test_ask_joins_words_of_an_unquoted_question() -> None:
    result = CliRunner().invoke(ask, ["SA", "3824.88"])
    assert result.exit_code == 0
    assert result.output.startswith("HS 3824.88")


def test_ask_json_lists_ranked_matches() -> None:
    result = CliRunner().invoke(ask, ["--json", "PFO"])
    assert result.exit_code == 0
    payload = json.loads(result.output)
    assert payload["kind"] == "choices"
    assert {m["entry_id"] for m in payload["matches"]} == {"pfos", "pfoa"}
    assert all({"entry_id", "score", "matched_on"} <= set(m) for m in payload["matches"])


def test_ask_json_for_an_hs_code() -> None:
    payload = json.loads(CliRunner().invoke(ask, ["--json", "29038200"]).output)
    assert payload["kind"] == "hs_code"
    assert payload["hs"]["code"] == "2903.82"
    assert payload["hs"]["national"] is True


def test_content_check_passes_on_the_packaged_content() -> None:
    result = CliRunner().invoke(content, ["check"])
    assert result.exit_code == 0, result.output
    assert "chemicals: 38" in result.output
    assert "articles: 20" in result.output


def test_content_check_fails_and_lists_problems(
    content_copy: Path, edit_yaml: Callable[[Path, Callable[[Any], None]], None]
) -> None:
    edit_yaml(content_copy / "articles" / "eee.yaml", lambda d: d["may_contain"].append("ghost"))
    edit_yaml(content_copy / "chemicals" / "ddt.yaml", lambda d: d.update(colour="red"))
    result = CliRunner().invoke(content, ["check", "--path", str(content_copy)])
    assert result.exit_code == 1
    assert "2 problem(s)" in result.output
    assert "articles/eee.yaml: may_contain[" in result.output
    assert "ghost" in result.output
    assert "chemicals/ddt.yaml: colour" in result.output
