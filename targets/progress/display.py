"""How a progress figure reads: the one place that decides a number's label, its unit and its rounding.

The dashboard's table and cards, a target's page, the charts, the monthly briefing, the entry form, the Excel
sheet and the API all read targets and progress through here; no template picks a unit itself.

The interface is small:

- ``written(value, unit, qualifier)``: a value as the report writes it, the qualifier where the town puts it:
  before the number (超80%, 约1500户, 突破100万元), between number and unit (4000多万元, 1000余场) or after the
  unit (5%以上, 300个以上);
- ``target_text(target)``: the target's value written so, with its period for a recurring target (每季度1次);
  the kind's name for a target without a value (里程碑/定性);
- ``period_text(target)``: 每月 / 每季度 / 每半年, or "" for a target that is not recurring;
- ``firmness_word(target)``: 确保 / 力争 / "" — the only firmness words;
- ``reading(target, progress)``: a ``Reading``: every number of a ``Progress`` with its unit and label, as text
  rounded for display (``actual_text``, ``completion_text``, ``expected_text``…) and as units for the API
  (``units()``: ``actual_unit``, ``goal_unit``, ``completion_unit``, ``expected_unit``, ``gap_unit``,
  ``projection_unit``, ``needed_unit``);
- ``number(value, unit)``: a number rounded for display the town's way (0.80亿元, 54.8%, 25.2亿元);
- ``status_key(progress)`` and ``status_choices()``: the groups targets are counted and filtered in, on the
  dashboard's strip and in the briefing alike: each status, and 正在推进 (a milestone reported but not done: no 序时
  to judge it by, yet not without data) apart from 暂无数据.

Units by how the progress was measured (``Progress.basis``):

| basis | actual | goal | completion | expected (序时) | projection |
| --- | --- | --- | --- | --- | --- |
| amount | indicator's unit | target's unit | % of goal | % of goal | indicator's unit |
| implied (growth over last year's amount) | indicator's unit (亿元) | indicator's unit (25.6×1.08 = 27.65亿元) | % of goal | % of goal | indicator's unit |
| same-period (累计同比) | indicator's unit (亿元) | % (the target rate) | % (growth) | % (target rate) | % (growth) |
| reported-rate (累计增速 as reported) | % | % | % | % (target rate) | — |
| level (share, rate) | target's unit | target's unit | target's unit | target's unit (the level) | — |
| periods (recurring) | 期 (periods met) | 期 | % of periods | % of periods | — |
| milestone | — | — | % | — | — |

The gap is in 个百分点 whenever completion and expected are percentages, else in the level's own unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from targets.models import Target
from targets.progress.engine import PERCENT_OF_GOAL, UNDER_WAY_LABEL, Progress, Status

# Where a qualifier stands: before the number, between number and unit, or after the unit.
BEFORE_NUMBER = {"超", "约", "近", "逾", "突破", "超过"}
BEFORE_UNIT = {"多", "余"}
TWO_PLACE_UNITS = {"亿元", "亿美元"}
POINTS = "个百分点"
GROWTH_BASES = {"same-period", "reported-rate"}


def _quantize(value: Decimal, places: int) -> Decimal:
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _plain(value: Decimal) -> str:
    """No trailing zeros, no exponent: 1.4600 → 1.46, 8E+3 → 8000."""
    text = f"{Decimal(value).normalize():f}"
    return "0" if text in {"-0", "0"} else text


def is_percent(unit: str) -> bool:
    return "%" in unit or unit == POINTS


def number(value: Decimal | None, unit: str = "") -> str:
    """``value`` rounded for display the way the town writes it: percentages and 个百分点 one decimal at most
    (41.666… → 41.7, 50.0 → 50), 亿元 two decimals (0.80), other amounts two at most (25.2, 9.6); "—" for none."""
    if value is None:
        return "—"
    if is_percent(unit):
        return _plain(_quantize(value, 1))
    if unit in TWO_PLACE_UNITS:
        return f"{_quantize(value, 2):f}"
    return _plain(_quantize(value, 2))


def written(value: Decimal | None, unit: str, qualifier: str = "", *, figure: str | None = None) -> str:
    """``value`` with its unit and qualifier as the report writes it: 5%以上, 超80%, 4000多万元, 1000余场.

    ``figure`` replaces the number's own text (for a number already rounded)."""
    if value is None and figure is None:
        return ""
    text = figure if figure is not None else _plain(value)
    if not qualifier:
        return f"{text}{unit}"
    if qualifier in BEFORE_NUMBER:
        return f"{qualifier}{text}{unit}"
    if qualifier in BEFORE_UNIT:
        return f"{text}{qualifier}{unit}"
    return f"{text}{unit}{qualifier}"


def period_text(target: Target) -> str:
    """每月 / 每季度 / 每半年 for a recurring target, else ""."""
    if target.kind != Target.Kind.RECURRING or not target.period:
        return ""
    return str(target.get_period_display())


def target_text(target: Target) -> str:
    """The target as the report words its value: 1.46亿元, 5%以上, 300个以上, 超80%, 每季度1次; the kind's name
    (里程碑/定性) when it has no value. The firmness word (``firmness_word``) is not part of it."""
    if target.value is None:
        return str(target.get_kind_display())
    return f"{period_text(target)}{written(target.value, target.unit, target.qualifier)}"


def firmness_word(target: Target) -> str:
    """确保 or 力争, the only words of firmness; "" for a plain promise."""
    return target.firmness if target.firmness in {Target.Firmness.ENSURE, Target.Firmness.STRIVE} else ""


def assessment_text(target: Target) -> str:
    """年末评定 / 6月评定 for a target assessed once (``Target.assessed_in``), else ""."""
    return str(target.get_assessed_in_display()) if target.assessed_in else ""


@dataclass(frozen=True)
class Reading:
    """One target's progress as a person reads it: each number rounded, with its unit and label."""

    target: Target
    progress: Progress

    # --- units ---

    @property
    def basis(self) -> str:
        return self.progress.basis

    @property
    def indicator_unit(self) -> str:
        return self.target.indicator.unit

    @property
    def level_unit(self) -> str:
        return self.target.unit or self.indicator_unit

    @property
    def actual_unit(self) -> str:
        if self.basis == "periods":
            return _("期")
        if self.basis == "milestone":
            return ""
        if self.basis in {"level", "reported-rate"}:
            return self.level_unit if self.basis == "level" else "%"
        return self.indicator_unit

    @property
    def goal_unit(self) -> str:
        if self.basis == "periods":
            return _("期")
        if self.basis in {"implied", "growth-no-base"}:
            return self.indicator_unit
        if self.basis in GROWTH_BASES:
            return "%"
        if self.basis == "milestone":
            return ""
        return self.level_unit

    @property
    def completion_unit(self) -> str:
        return self.level_unit if self.basis == "level" else "%"

    @property
    def expected_unit(self) -> str:
        return self.completion_unit

    @property
    def gap_unit(self) -> str:
        return POINTS if is_percent(self.completion_unit) else self.completion_unit

    @property
    def projection_unit(self) -> str:
        return "%" if self.basis == "same-period" else self.indicator_unit

    @property
    def needed_unit(self) -> str:
        return self.indicator_unit

    def units(self) -> dict[str, str]:
        """The unit of every number the API gives, keyed as the API's fields (``actual_unit``…)."""
        return {
            "actual_unit": self.actual_unit,
            "goal_unit": self.goal_unit,
            "completion_unit": self.completion_unit,
            "expected_unit": self.expected_unit,
            "gap_unit": self.gap_unit,
            "projection_unit": self.projection_unit,
            "needed_per_month_unit": self.needed_unit,
        }

    # --- labels ---

    @property
    def completion_label(self) -> str:
        if self.basis in GROWTH_BASES:
            return _("累计增速")
        if self.basis == "level":
            return _("当前水平")
        return _("完成率")

    @property
    def completion_verb(self) -> str:
        """The card's word before the completion: 增长 45%, 达到 42%, 完成 54.8%."""
        if self.basis in GROWTH_BASES:
            return _("增长")
        if self.basis == "level":
            return _("达到")
        return _("完成")

    @property
    def expected_label(self) -> str:
        if self.basis in PERCENT_OF_GOAL:
            return _("序时进度")
        if self.basis == "level":
            return _("目标水平")
        return _("目标增速")

    # --- numbers as text ---

    def _with(self, value, unit) -> str:
        return "—" if value is None else f"{number(value, unit)}{unit}"

    @property
    def actual_text(self) -> str:
        if self.progress.actual is None:
            return "—"
        unit = self.actual_unit
        if self.basis in {"level", "reported-rate"} and is_percent(unit):
            return self._with(self.progress.actual, unit)
        # A typed figure shows as entered (up to the 4 decimals the parser keeps).
        return f"{_plain(self.progress.actual)}{unit}"

    @property
    def actual_figure(self) -> str:
        """``actual_text`` without its unit (for a card that sets the unit apart)."""
        text = self.actual_text
        unit = self.actual_unit
        return text[: -len(unit)] if unit and text.endswith(unit) else text

    @property
    def goal_text(self) -> str:
        return self._with(self.progress.goal, self.goal_unit)

    @property
    def completion_text(self) -> str:
        return self._with(self.progress.completion, self.completion_unit)

    @property
    def compared_with(self) -> str:
        """What the completion is measured against, where the target's own wording does not say it: the amount
        a growth target implies (27.65亿元 for 增长8% over 25.6亿元); "" otherwise."""
        if self.basis == "implied" and self.progress.goal is not None:
            return self.goal_text
        return ""

    @property
    def expected_text(self) -> str:
        """序时 as compared: 41.7% of the goal (of 27.65亿元 for a growth target measured as an amount), the target
        rate for a growth (增长8%), the target level for a share (40%); "—" when nothing is expected."""
        expected = self.progress.expected
        if expected is None:
            return "—"
        if self.basis in GROWTH_BASES:
            return _("增长%(rate)s") % {"rate": self._with(expected, "%")}
        text = self._with(expected, self.expected_unit)
        if self.compared_with:
            return _("%(share)s（对照%(goal)s）") % {"share": text, "goal": self.compared_with}
        return text

    @property
    def gap_text(self) -> str:
        """+4.8个百分点 / -2个百分点 / —."""
        gap = self.progress.gap
        if gap is None:
            return "—"
        sign = "+" if _quantize(gap, 1) > 0 else ""
        unit = _("个百分点") if self.gap_unit == POINTS else self.gap_unit
        return f"{sign}{number(gap, self.gap_unit)}{unit}"

    @property
    def gap_figure(self) -> str:
        """The gap without its unit, for a column headed 差距（百分点）: +4.8 / -2 / —."""
        gap = self.progress.gap
        if gap is None:
            return "—"
        sign = "+" if _quantize(gap, 1) > 0 else ""
        return f"{sign}{number(gap, self.gap_unit)}"

    @property
    def projection_text(self) -> str:
        projection = self.progress.projection
        if projection is None:
            return "—"
        if self.basis == "same-period":
            return _("增长%(rate)s") % {"rate": self._with(projection, "%")}
        return self._with(projection, self.projection_unit)

    @property
    def needed_text(self) -> str:
        return self._with(self.progress.needed_per_month, self.needed_unit)

    @property
    def status_note(self) -> str:
        """Why a target has no status yet, when it is more than "nothing reported" (项目台账未更新), or when it
        is judged (年末评定)."""
        if self.progress.reason:
            return self.progress.reason
        if self.progress.status == Status.PENDING:
            return assessment_text(self.target)
        return ""


def reading(target: Target, progress: Progress) -> Reading:
    """How ``progress`` of ``target`` reads (see ``Reading``)."""
    return Reading(target, progress)


def api_decimal(value: Decimal | None) -> str | None:
    """A number for the API: exact up to 4 decimals (what a stored figure holds), as a string; ``None`` stays."""
    if value is None:
        return None
    return _plain(_quantize(value, 4))


UNDER_WAY = "under_way"
# Read left to right from the good news to what needs a figure; statuses added later take their place before 暂无数据.
STATUS_ORDER = [Status.AHEAD, Status.ON, Status.BEHIND, Status.MISSED, Status.DONE]


def status_key(progress: Progress) -> str:
    """The group ``progress`` is counted and filtered in: its status, or ``UNDER_WAY``."""
    return UNDER_WAY if progress.is_under_way else str(progress.status)


def status_choices() -> list[tuple[str, str]]:
    """(key, label) of every group, in the strip's order, 正在推进 after the statuses judged by 序时, 暂无数据 last."""
    rest = [status for status in Status if status not in STATUS_ORDER and status != Status.NONE]
    return [
        *((str(status), status.label) for status in STATUS_ORDER),
        (UNDER_WAY, UNDER_WAY_LABEL),
        *((str(status), status.label) for status in rest),
        (str(Status.NONE), Status.NONE.label),
    ]
