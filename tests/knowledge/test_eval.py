"""The bench evaluation set as a regression guard: top-1 accuracy must stay at 95 % or more."""

from __future__ import annotations

from pathlib import Path

import yaml

from bench.knowledge.run_eval import evaluate
from bot.knowledge.catalogue import Catalogue

EVAL = Path(__file__).resolve().parents[2] / "bench" / "knowledge" / "eval_set.yaml"


def test_eval_set_is_large_and_covers_every_language() -> None:
    questions = yaml.safe_load(EVAL.read_text(encoding="utf-8"))["questions"]
    assert len(questions) >= 150
    assert {q["lang"] for q in questions} == {"en", "es", "fr", "pt"}
    assert {"out_of_scope", "typos", "hs", "cas", "articles", "ambiguous"} <= {
        q["category"] for q in questions
    }


def test_top1_accuracy_at_least_95_percent(catalogue: Catalogue) -> None:
    questions = yaml.safe_load(EVAL.read_text(encoding="utf-8"))["questions"]
    outcomes = evaluate(catalogue, questions)
    misses = [o.question["q"] for o in outcomes if not o.passed]
    assert len(misses) <= 0.05 * len(outcomes), misses
