"""Measure the report reader against the hand-checked fixtures of the town's own report.

    .venv/bin/python scripts/measure_reader.py [REPORT] [--year 2023]

Runs ``targets.reader.read`` on ``tests/data/report.txt`` (by default) with the fixtures' indicators as the
existing ones, and compares its proposals with ``fixtures/report_2023.json`` (targets) and
``fixtures/report_2022.json`` (results). A proposal matches a fixture row when value, unit and (for targets)
kind are equal and its quote overlaps the fixture's quote in the text; each row matches at most one proposal.
Prints recall and precision of targets and of results, how many review-year results were proposed as targets,
and how often the matched targets name the fixture's indicator and baseline.
"""

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from targets.reader import IndicatorRef, read  # noqa: E402


def _spans(text: str, quote: str) -> list[tuple[int, int]]:
    spans, position = [], text.find(quote)
    while position != -1:
        spans.append((position, position + len(quote)))
        position = text.find(quote, position + 1)
    return spans


def _overlaps(spans, start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)


def _value(text):
    return None if text is None else Decimal(text)


def _match(text, expected, proposed, with_kind):
    """Pairs (expected index, proposed index), greedily in text order."""
    pairs, used = [], set()
    for e_index, row in enumerate(expected):
        spans = _spans(text, row["quote"])
        for p_index, proposal in enumerate(proposed):
            if p_index in used:
                continue
            if _value(row["value"]) != proposal.value or (row["unit"] or "") != proposal.unit:
                continue
            if with_kind and row["kind"] != proposal.kind:
                continue
            if not _overlaps(spans, proposal.start, proposal.end):
                continue
            pairs.append((e_index, p_index))
            used.add(p_index)
            break
    return pairs


def measure(text: str, year: int | None = None, fixture_dir: Path = ROOT / "fixtures") -> dict:
    plan = json.loads((fixture_dir / "report_2023.json").read_text(encoding="utf-8"))
    review = json.loads((fixture_dir / "report_2022.json").read_text(encoding="utf-8"))
    indicators = {
        row["pk"]: IndicatorRef(
            row["pk"], row["fields"]["code"], row["fields"]["name"], row["fields"]["unit"]
        )
        for row in plan
        if row["model"] == "targets.indicator"
    }
    targets = [row["fields"] for row in plan if row["model"] == "targets.target"]
    results = [row["fields"] for row in review if row["model"] == "targets.result"]
    reading = read(text, year, indicators.values())
    target_pairs = _match(text, targets, reading.targets, with_kind=True)
    result_pairs = _match(text, results, reading.results, with_kind=False)
    # A review-year result proposed as a target: a target proposal with a result's value and unit in its quote.
    review_as_target = [
        proposal
        for proposal in reading.targets
        if any(
            _value(row["value"]) == proposal.value
            and row["unit"] == proposal.unit
            and _overlaps(_spans(text, row["quote"]), proposal.start, proposal.end)
            for row in results
        )
    ]
    indicator_right = sum(
        1
        for e_index, p_index in target_pairs
        if reading.targets[p_index].indicator is not None
        and reading.targets[p_index].indicator.pk == targets[e_index]["indicator"]
    )
    baselines_expected = {row["indicator"]: row for row in results if row["indicator"]}
    baseline_right = baseline_expected = 0
    for e_index, p_index in target_pairs:
        expected = baselines_expected.get(targets[e_index]["indicator"])
        if expected is None:
            continue
        baseline_expected += 1
        got = reading.targets[p_index].baseline
        if got is not None and got.value == _value(expected["value"]) and got.unit == expected["unit"]:
            baseline_right += 1
    return {
        "plan_year": reading.plan_year,
        "review_year": reading.review_year,
        "targets_expected": len(targets),
        "targets_proposed": len(reading.targets),
        "targets_matched": len(target_pairs),
        "target_recall": len(target_pairs) / len(targets),
        "target_precision": len(target_pairs) / len(reading.targets) if reading.targets else 0.0,
        "results_expected": len(results),
        "results_proposed": len(reading.results),
        "results_matched": len(result_pairs),
        "result_recall": len(result_pairs) / len(results),
        "result_precision": len(result_pairs) / len(reading.results) if reading.results else 0.0,
        "review_results_as_targets": len(review_as_target),
        "indicator_right": indicator_right,
        "baseline_expected": baseline_expected,
        "baseline_right": baseline_right,
        "missed_targets": [
            targets[i]["quote"] for i in range(len(targets)) if i not in {e for e, _ in target_pairs}
        ],
        "extra_targets": [
            p.quote
            for i, p in enumerate(reading.targets)
            if i not in {p_index for _, p_index in target_pairs}
        ],
        "missed_results": [
            results[i]["quote"] for i in range(len(results)) if i not in {e for e, _ in result_pairs}
        ],
        "extra_results": [
            p.quote
            for i, p in enumerate(reading.results)
            if i not in {p_index for _, p_index in result_pairs}
        ],
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", default=str(ROOT / "tests" / "data" / "report.txt"))
    parser.add_argument("--year", type=int, default=None)
    args = parser.parse_args(argv)
    figures = measure(Path(args.report).read_text(encoding="utf-8"), args.year)
    print(f"plan year {figures['plan_year']}, review year {figures['review_year']}")
    print(
        f"targets: recall {figures['target_recall']:.1%} ({figures['targets_matched']}/{figures['targets_expected']}), "
        f"precision {figures['target_precision']:.1%} ({figures['targets_matched']}/{figures['targets_proposed']})"
    )
    print(
        f"results: recall {figures['result_recall']:.1%} ({figures['results_matched']}/{figures['results_expected']}), "
        f"precision {figures['result_precision']:.1%} ({figures['results_matched']}/{figures['results_proposed']})"
    )
    print(f"review-year results proposed as targets: {figures['review_results_as_targets']}")
    print(
        f"matched targets naming the fixture's indicator: {figures['indicator_right']}/{figures['targets_matched']}"
    )
    print(f"baselines linked as in the fixtures: {figures['baseline_right']}/{figures['baseline_expected']}")
    for label in ("missed_targets", "extra_targets", "missed_results", "extra_results"):
        for quote in figures[label]:
            print(f"  {label}: {quote}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
