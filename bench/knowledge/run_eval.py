"""Top-1 accuracy of the knowledge search on bench/knowledge/eval_set.yaml.

Run: python bench/knowledge/run_eval.py [--eval PATH] [--content PATH]
Prints accuracy overall and by category, then every miss with what the bot answered, so each
miss can be looked at (and the content or search fixed, never the expectation).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bot.knowledge.catalogue import Catalogue, load_catalogue  # noqa: E402
from bot.knowledge.search import SearchResult  # noqa: E402
from content import CONTENT_DIR  # noqa: E402

DEFAULT_EVAL = Path(__file__).with_name("eval_set.yaml")


@dataclass(frozen=True)
class Outcome:
    question: dict[str, Any]
    result: SearchResult
    passed: bool


def passes(expect: dict[str, Any], result: SearchResult) -> bool:
    """Whether the first answer is the expected one (see the header of eval_set.yaml)."""
    ids = [match.entry_id for match in result.matches]
    if "entry" in expect:
        return result.kind == "entry" and ids[:1] == [expect["entry"]]
    if result.kind != expect["kind"]:
        return False
    if expect["kind"] == "hs_code" and (result.hs is None or result.hs.code != expect["code"]):
        return False
    if expect.get("lookalike") and not result.lookalike:
        return False
    return set(expect.get("includes", [])) <= set(ids)


def evaluate(catalogue: Catalogue, questions: list[dict[str, Any]]) -> list[Outcome]:
    outcomes = []
    for question in questions:
        result = catalogue.search(question["q"], question.get("lang", "en"))
        outcomes.append(Outcome(question, result, passes(question["expect"], result)))
    return outcomes


def describe(result: SearchResult) -> str:
    top = ", ".join(f"{m.entry_id} {m.score:.1f} ({m.matched_on})" for m in result.matches[:3])
    code = f" code={result.hs.code}" if result.hs else ""
    return f"{result.kind}{code} [{top}]"


def report(outcomes: list[Outcome]) -> str:
    by_category: dict[str, list[bool]] = defaultdict(list)
    for outcome in outcomes:
        by_category[outcome.question["category"]].append(outcome.passed)
    passed = sum(outcome.passed for outcome in outcomes)
    lines = [
        f"Top-1 accuracy: {passed}/{len(outcomes)} = {100 * passed / len(outcomes):.1f} %",
        "",
    ]
    lines.append(f"{'category':<16} {'n':>4} {'ok':>4} {'accuracy':>9}")
    for category, results in sorted(by_category.items()):
        share = 100 * sum(results) / len(results)
        lines.append(f"{category:<16} {len(results):>4} {sum(results):>4} {share:>8.1f}%")
    misses = [outcome for outcome in outcomes if not outcome.passed]
    lines += ["", f"Misses ({len(misses)}):"]
    for outcome in misses:
        question = outcome.question
        lines.append(
            f"  - [{question['category']}] {question['q']!r} ({question.get('lang', 'en')}): "
            f"expected {question['expect']}, got {describe(outcome.result)}"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--content", type=Path, default=CONTENT_DIR)
    args = parser.parse_args()
    questions = yaml.safe_load(args.eval.read_text(encoding="utf-8"))["questions"]
    outcomes = evaluate(load_catalogue(args.content), questions)
    print(report(outcomes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
