"""How another app tells the progress engine that a count target is counted from its own records.

``targets`` never imports ``projects``; instead ``projects`` registers a counter at start-up. Two shapes:

- a batch counter (``register_batch``), preferred: ``(targets, until_by_target: {target_id: date}) ->
  {target_id: count}``, answering in a fixed number of queries for every target it knows a rule for and leaving
  the others out;
- a per-target counter (``register``): ``(target, until: date) -> int | None``, ``None`` for targets it has no
  rule for. It costs its queries once per target, so only small registers should use it.

A target no counter answers for is typed by staff as monthly figures. The first counter that answers wins; batch
counters are asked first.
"""

from collections.abc import Callable, Iterable
from datetime import date

_counters: list[Callable] = []
_batch_counters: list[Callable] = []


def register(counter: Callable) -> None:
    if counter not in _counters:
        _counters.append(counter)


def register_batch(counter: Callable) -> None:
    if counter not in _batch_counters:
        _batch_counters.append(counter)


def counted_actuals(targets: Iterable, until_by_target: dict[int, date]) -> dict[int, int]:
    """The count the registers give for each of ``targets`` up to its own day in ``until_by_target``.

    Keyed by target id; a target no register counts is left out. Each batch counter is called once, whatever the
    number of targets; per-target counters are asked only about the targets still unanswered.
    """
    remaining = {target.pk: target for target in targets if target.pk in until_by_target}
    counts: dict[int, int] = {}
    for counter in _batch_counters:
        if not remaining:
            break
        answered = counter(list(remaining.values()), {pk: until_by_target[pk] for pk in remaining})
        for pk, count in answered.items():
            if pk in remaining and count is not None:
                counts[pk] = count
                del remaining[pk]
    for target in list(remaining.values()):
        for counter in _counters:
            count = counter(target, until_by_target[target.pk])
            if count is not None:
                counts[target.pk] = count
                break
    return counts


def counted_actual(target, until: date) -> int | None:
    """The count the registers give for ``target`` up to ``until``, or ``None`` when no register counts it."""
    return counted_actuals([target], {target.pk: until}).get(target.pk)
