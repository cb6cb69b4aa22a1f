"""Speed of the knowledge core: catalogue load time and search+render latency per question.

Run: python bench/knowledge/speed.py [--rounds N]
Loads the catalogue several times (and once in a fresh interpreter), then times search plus
render_answer for every eval question, N rounds each; prints p50/p95/p99/max in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bot.knowledge.cards import render_answer  # noqa: E402
from bot.knowledge.catalogue import load_catalogue  # noqa: E402

EVAL = Path(__file__).with_name("eval_set.yaml")


def percentile(sorted_values: list[float], share: float) -> float:
    index = min(len(sorted_values) - 1, round(share * (len(sorted_values) - 1)))
    return sorted_values[index]


def cold_start() -> float:
    """Seconds for a new interpreter to import the knowledge core and load the catalogue."""
    code = (
        "import time; t = time.perf_counter(); "
        "from bot.knowledge.catalogue import load_catalogue; load_catalogue(); "
        "print(time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, check=True)
    return float(out.stdout.decode().strip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--loads", type=int, default=5)
    args = parser.parse_args()
    load_times = []
    for _ in range(args.loads):
        start = time.perf_counter()
        catalogue = load_catalogue()
        load_times.append(time.perf_counter() - start)
    questions = yaml.safe_load(EVAL.read_text(encoding="utf-8"))["questions"]
    for question in questions:  # warm-up: gettext catalogues, rapidfuzz, babel locale data
        render_answer(
            catalogue, catalogue.search(question["q"], question["lang"]), question["lang"]
        )
    samples = []
    for _ in range(args.rounds):
        for question in questions:
            start = time.perf_counter()
            result = catalogue.search(question["q"], question["lang"])
            render_answer(catalogue, result, question["lang"])
            samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    median = statistics.median(load_times)
    print(f"catalogue load (warm process): min {min(load_times):.3f} s, median {median:.3f} s")
    print(f"catalogue load (fresh process, imports included): {cold_start():.3f} s")
    count = f"{len(questions)} questions x {args.rounds} rounds"
    print(f"search+render_answer: {len(samples)} samples ({count})")
    print(
        f"  p50 {percentile(samples, 0.50):.3f} ms  p95 {percentile(samples, 0.95):.3f} ms  "
        f"p99 {percentile(samples, 0.99):.3f} ms  max {samples[-1]:.3f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
