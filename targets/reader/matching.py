"""Which existing indicator a proposed target measures, and which review-year result is its baseline.

Names are compared after normalising away what a report wraps around them (新增, 完成, 全年, quotation marks):
equal names match best, then one name containing the other, then ``difflib``'s similarity. The indicators are
passed in by the caller (the command and the admin read them from the database); nothing here names any.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from targets.reader.numbers import unit_dimension

NOISE = re.compile(
    r"[“”\"'‘’《》「」（）()、，,\s]|^(?:新增|全年|完成|实现|累计|年度|全镇|全县|全区|全市|举办|召开|开展|实施|推进|"
    r"打造|培育|持续)+"
)
# The same thing said two ways in the genre.
SYNONYMS = [("规模以上", "规上"), ("新进规", "新增规上"), ("千米", "公里")]
INDICATOR_THRESHOLD = 0.75
BASELINE_THRESHOLD = 0.75
SIMILAR_ENOUGH = 0.85


@dataclass(frozen=True)
class IndicatorRef:
    """What the reader needs of an existing indicator."""

    pk: int
    code: str
    name: str
    unit: str


def normalise(name: str) -> str:
    for long, short in SYNONYMS:
        name = name.replace(long, short)
    previous = None
    while previous != name:
        previous, name = name, NOISE.sub("", name)
    return name


def similarity(first: str, second: str) -> float:
    """1.0 for the same name, 0.8–0.95 when one contains the other, else difflib's ratio if it is high.

    Short names differ by a character or two and still mean different things (服务业应税销售, 工业应税销售), so a
    ratio below ``SIMILAR_ENOUGH`` counts as nothing.
    """
    a, b = normalise(first), normalise(second)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    shorter, longer = sorted((a, b), key=len)
    # 固定资产投资 in 全社会固定资产投资 is the same thing; 应税销售 in 服务业应税销售 is a part of it only.
    if len(shorter) >= 3 and shorter in longer and len(shorter) / len(longer) >= 0.6:
        return 0.8 + 0.15 * len(shorter) / len(longer)
    ratio = SequenceMatcher(None, a, b).ratio()
    return ratio if ratio >= SIMILAR_ENOUGH else 0.0


def match_indicator(name: str, indicators) -> IndicatorRef | None:
    """The indicator whose name is most like ``name``, if any is like enough."""
    scored = [(similarity(name, indicator.name), indicator) for indicator in indicators]
    scored = [pair for pair in scored if pair[0] >= INDICATOR_THRESHOLD]
    return max(scored, key=lambda pair: pair[0])[1] if scored else None


def assign_indicators(targets, indicators) -> None:
    """Set ``target.indicator``: the most alike existing indicator, each indicator to one target at most."""
    indicators = list(indicators)
    pairs = []
    for t_index, target in enumerate(targets):
        for i_index, indicator in enumerate(indicators):
            score = similarity(target.name, indicator.name)
            if score >= INDICATOR_THRESHOLD:
                pairs.append((score, t_index, i_index))
    used_targets, used_indicators = set(), set()
    for _score, t_index, i_index in sorted(pairs, key=lambda pair: -pair[0]):
        if t_index in used_targets or i_index in used_indicators:
            continue
        targets[t_index].indicator = indicators[i_index]
        used_targets.add(t_index)
        used_indicators.add(i_index)


def units_compare(target, result) -> bool:
    """A result can be a target's baseline when both measure the same thing. A growth rate grows from an amount:
    one in its indicator's unit, or, for a new indicator, money, a length or an area (not a count of projects)."""
    if target.kind == "growth":
        if target.indicator is not None:
            return unit_dimension(target.indicator.unit) == unit_dimension(result.unit)
        return unit_dimension(result.unit).startswith(("money", "length", "area"))
    return unit_dimension(target.unit) == unit_dimension(result.unit)


def link_baselines(targets, results) -> None:
    """Set ``target.baseline`` to the review-year result for the same indicator or name, one result per target."""
    pairs = []
    for t_index, target in enumerate(targets):
        if target.value is None:
            continue
        for r_index, result in enumerate(results):
            if not units_compare(target, result):
                continue
            score = similarity(target.name, result.name)
            if target.indicator is not None:
                score = max(score, similarity(target.indicator.name, result.name))
            if score >= BASELINE_THRESHOLD:
                pairs.append((score, t_index, r_index))
    used_targets, used_results = set(), set()
    for _score, t_index, r_index in sorted(pairs, key=lambda pair: -pair[0]):
        if t_index in used_targets or r_index in used_results:
            continue
        targets[t_index].baseline = results[r_index]
        used_targets.add(t_index)
        used_results.add(r_index)
