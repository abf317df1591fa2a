"""Starting a new year (开始新年度) from the year before: what ``start_year`` creates, shown before it is written.

``plan_year(year, from_year)`` reads and writes nothing; it returns a ``YearPlan`` listing what would be created:

- the plan sections of ``from_year`` (主要预期目标, (一)…) as the new year's, where the new year has none of that
  number yet;
- one target per indicator of ``from_year`` (the same ``Indicator`` row: code, unit, 牵头单位, 配合单位 and
  分管领导 stay as they are), carried over with its kind, value, unit, firmness, deadline (moved into the new
  year), period and monthly plan, marked ``carried_from`` and without a quote until the new report states it;
  what other apps attach to a target goes with it (``register_carrier``: the rule counting it from the register).
  Milestones (one-off tasks) are not carried. When the new year already has targets (read from its report, or
  imported), none is carried and none is overwritten: the year's own list stands;
- the twelve entry periods of the new year, with the default deadlines (``ENTRY_DEADLINE_DAY`` of next month);
- for each indicator of the new year's targets, its baseline: the report's result for the year before if there is
  one (kept as it is), else that year's own monthly figures — December's year-to-date total, or, without
  December, the last month the office's figures were approved, marked as such (2023年1—10月累计（最近审核月）).
  Generated sample figures (示例数据) are never used.

``start_year(...)`` writes exactly that plan in one transaction; the old year is only read. Run twice, the
second plan is empty, so nothing is created twice. A fingerprint of the plan lets a confirmation refuse to write
a plan that changed since it was previewed.
"""

from __future__ import annotations

import calendar
import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import connection, transaction
from django.utils.translation import gettext as _

from targets.entry.rows import deadline_of
from targets.models import Figure, Indicator, OfficeMonth, Period, Result, Section, Target, TargetRevision
from targets.models.catalogue import figures_label
from targets.progress.engine import actual_to_date, latest_month

FIRST_YEAR, LAST_YEAR = 2000, 2100
LOCK_KEY = 20120001  # one start_year at a time (a PostgreSQL advisory lock, released at commit)


class YearError(ValueError):
    """Input that cannot start a year, with the message to show (Chinese)."""


def parse_year(raw, label=None) -> int:
    """A four-digit year between FIRST_YEAR and LAST_YEAR, or ``YearError`` in Chinese."""
    label = label or _("年度")
    text = str(raw).strip()
    if not (text.isascii() and text.isdigit()):
        raise YearError(
            _("%(label)s“%(value)s”不是年份，请填写四位数字，如 2024。")
            % {"label": label, "value": text[:20]}
        )
    year = int(text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise YearError(
            _("%(label)s须在 %(first)s 至 %(last)s 年之间。")
            % {"label": label, "first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return year


@dataclass
class Baseline:
    """A baseline of the new year: an existing result (``existing``) or one to create from figures."""

    indicator: Indicator
    result: Result | None = None
    existing: bool = False
    missing_reason: str = ""


@dataclass
class YearPlan:
    year: int
    from_year: int
    sections: list[Section] = field(default_factory=list)
    existing_sections: list[Section] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    not_carried: list[Target] = field(default_factory=list)
    archived: list[Target] = field(default_factory=list)  # old targets whose new-year target was archived
    existing_targets: list[Target] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    existing_periods: list[Period] = field(default_factory=list)
    baselines: list[Baseline] = field(default_factory=list)

    @property
    def new_baselines(self) -> list[Baseline]:
        return [b for b in self.baselines if b.result is not None and not b.existing]

    @property
    def existing_baselines(self) -> list[Baseline]:
        return [b for b in self.baselines if b.existing]

    @property
    def missing_baselines(self) -> list[Baseline]:
        return [b for b in self.baselines if b.result is None]

    @property
    def is_empty(self) -> bool:
        return not (self.sections or self.targets or self.periods or self.new_baselines)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "sections": len(self.sections),
            "targets": len(self.targets),
            "periods": len(self.periods),
            "baselines": len(self.new_baselines),
        }

    def summary(self) -> str:
        return (
            _("章节 %(sections)s 个，目标 %(targets)s 项，填报期 %(periods)s 个，基数 %(baselines)s 项")
            % self.counts
        )

    @property
    def fingerprint(self) -> str:
        """A digest of what would be created; a confirmation carries it, so a plan changed since is not written."""
        parts = [f"{self.year}/{self.from_year}"]
        parts += [f"s{s.part}{s.number}{s.title}" for s in self.sections]
        parts += [f"t{t.indicator_id}:{t.value}:{t.section.number}" for t in self.targets]
        parts += [f"p{p.month}:{p.deadline}" for p in self.periods]
        parts += [f"b{b.indicator.pk}:{b.result.value}:{b.result.through_month}" for b in self.new_baselines]
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def default_from_year(year: int) -> int:
    return year - 1


def plan_year(year: int, from_year: int | None = None) -> YearPlan:
    """What starting ``year`` from ``from_year`` (default: the year before) would create. Writes nothing."""
    from_year = default_from_year(year) if from_year is None else from_year
    if from_year >= year:
        raise YearError(
            _("来源年度（%(from)s年）须早于新年度（%(year)s年）。") % {"from": from_year, "year": year}
        )
    old_targets = list(
        Target.objects.filter(year=from_year)
        .select_related("indicator__office", "indicator__leader", "section")
        .prefetch_related("indicator__partner_offices")
        .order_by("section__number", "order", "id")
    )
    if not old_targets:
        raise YearError(
            _(
                "%(from)s年没有任何目标，无法据此开始%(year)s年；请先录入或导入%(from)s年的目标，或用 --from 指定其他年度。"
            )
            % {"from": from_year, "year": year}
        )
    plan = YearPlan(year=year, from_year=from_year)
    plan.existing_targets = list(
        Target.objects.filter(year=year)
        .select_related("indicator__office", "section")
        .order_by("section__number", "order", "id")
    )
    if not plan.existing_targets:
        _plan_sections_and_targets(plan, old_targets)
    _plan_periods(plan)
    indicators = [t.indicator for t in plan.existing_targets] + [t.indicator for t in plan.targets]
    _plan_baselines(plan, indicators)
    return plan


def _plan_sections_and_targets(plan: YearPlan, old_targets: list[Target]) -> None:
    have = {s.number: s for s in Section.objects.filter(year=plan.year, part=Section.Part.PLAN)}
    plan.existing_sections = list(have.values())
    by_number = dict(have)
    for section in Section.objects.filter(year=plan.from_year, part=Section.Part.PLAN).order_by("number"):
        if section.number not in by_number:
            copy = Section(year=plan.year, part=Section.Part.PLAN, number=section.number, title=section.title)
            plan.sections.append(copy)
            by_number[section.number] = copy
    # An archived target of the new year still holds its (indicator, year): it is not made again.
    archived = set(
        Target.all_objects.filter(year=plan.year, archived=True).values_list("indicator_id", flat=True)
    )
    for old in old_targets:
        if old.indicator_id in archived:
            plan.archived.append(old)
            continue
        if old.kind == Target.Kind.MILESTONE:
            plan.not_carried.append(old)
            continue
        section = by_number.get(old.section.number)
        if section is None:  # a target filed under a review section: keep it in the plan's first section
            section = by_number.setdefault(
                0, Section(year=plan.year, part=Section.Part.PLAN, number=0, title=_("主要预期目标"))
            )
            if section not in plan.sections and section.pk is None:
                plan.sections.append(section)
        plan.targets.append(
            Target(
                indicator=old.indicator,
                year=plan.year,
                section=section,
                kind=old.kind,
                firmness=old.firmness,
                qualifier=old.qualifier,
                value=old.value,
                unit=old.unit,
                deadline=_moved(old.deadline, plan.year),
                period=old.period,
                phasing=old.phasing,
                quote="",
                headline=old.headline,
                order=old.order,
                carried_from=old,
            )
        )


def _moved(day: date | None, year: int) -> date | None:
    if day is None:
        return None
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


def _plan_periods(plan: YearPlan) -> None:
    have = {p.month: p for p in Period.objects.filter(year=plan.year)}
    plan.existing_periods = sorted(have.values(), key=lambda p: p.month)
    plan.periods = [
        Period(year=plan.year, month=month, deadline=deadline_of(plan.year, month), is_open=True)
        for month in range(1, 13)
        if month not in have
    ]


def _plan_baselines(plan: YearPlan, indicators: list[Indicator]) -> None:
    base_year = plan.year - 1
    ids = [i.pk for i in indicators]
    stated = {r.indicator_id: r for r in Result.all_objects.filter(indicator_id__in=ids, year=base_year)}
    figures: dict[int, dict[int, Decimal]] = {}
    for indicator_id, month, value in Figure.objects.filter(
        indicator_id__in=ids, year=base_year, is_sample=False
    ).values_list("indicator_id", "month", "value"):
        figures.setdefault(indicator_id, {})[month] = value
    approved: dict[int, set[int]] = {}
    for office_id, month in OfficeMonth.objects.filter(
        year=base_year, state=OfficeMonth.State.APPROVED
    ).values_list("office_id", "month"):
        approved.setdefault(office_id, set()).add(month)
    for indicator in indicators:
        if indicator.pk in stated and stated[indicator.pk].archived:
            reason = _("%(year)s年的实绩已归档，不再重建") % {"year": base_year}
            plan.baselines.append(Baseline(indicator, missing_reason=reason))
            continue
        if indicator.pk in stated:
            plan.baselines.append(Baseline(indicator, result=stated[indicator.pk], existing=True))
            continue
        months = figures.get(indicator.pk, {})
        through = (
            12
            if 12 in months
            else max((m for m in approved.get(indicator.office_id, ()) if m in months), default=None)
        )
        if through is None:
            reason = (
                _("%(year)s年无12月数据，也无已审核的月份") if months else _("%(year)s年没有月度数据")
            ) % {"year": base_year}
            plan.baselines.append(Baseline(indicator, missing_reason=reason))
            continue
        plan.baselines.append(
            Baseline(
                indicator,
                result=Result(
                    section=None,
                    year=base_year,
                    indicator=indicator,
                    name=indicator.name,
                    value=_to_date(indicator.measure, months, through),
                    unit=indicator.unit,
                    quote="",
                    basis=Result.Basis.FIGURES,
                    through_month=through,
                ),
            )
        )


def _to_date(measure: str, months: dict[int, Decimal], through: int) -> Decimal:
    """The indicator's figure for January to ``through``: the month's own for a year-to-date total or a level,
    the sum of the months for an indicator reported month by month."""
    if measure == Indicator.Measure.MONTH:
        return sum((v for m, v in months.items() if m <= through), Decimal(0))
    return months[through]


class PlanChanged(YearError):
    """The plan differs from the one previewed (someone else started the year, or figures changed)."""


def start_year(
    year: int, from_year: int | None = None, *, user=None, fingerprint: str | None = None
) -> YearPlan:
    """Create what ``plan_year`` lists, all or nothing. With ``fingerprint``, refuse a plan that changed."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        plan = plan_year(year, from_year)
        if fingerprint is not None and fingerprint != plan.fingerprint:
            raise PlanChanged(_("预览之后数据已有变化，请查看新的预览后再确认。"))
        for section in plan.sections:
            section.save()
        for target in plan.targets:  # bulk_create skips Target.save, which keeps the first value
            target.original_value = target.value
        Target.objects.bulk_create(plan.targets)  # sections saved above: their ids are taken now
        TargetRevision.objects.bulk_create(
            TargetRevision(
                target=target,
                changed_by=user,
                field=str(_("新建")),
                old_value="",
                new_value=_value_text(target),
                reason=_("开始新年度：沿用%(year)s年目标，待%(new)s年报告确定")
                % {"year": plan.from_year, "new": plan.year},
            )
            for target in plan.targets
        )
        Period.objects.bulk_create(plan.periods)
        Result.objects.bulk_create([b.result for b in plan.new_baselines])
        carried = [(target.carried_from, target) for target in plan.targets]
        for carrier in _carriers:
            carrier(carried)
    return plan


_carriers: list = []


def register_carrier(carrier) -> None:
    """``carrier(pairs)``, called in ``start_year``'s transaction with (last year's target, the new one) for each
    target carried over: how another app carries what it attaches to a target (``projects`` its count rule), so
    a target counted from the register last year is counted from it this year too."""
    if carrier not in _carriers:
        _carriers.append(carrier)


def _value_text(target: Target) -> str:
    if target.value is None:
        return ""
    return f"{target.qualifier}{target.value.normalize():f}{target.unit}"


@dataclass
class YearOverYear:
    """A target beside the same indicator's year before: last year's target and actual, this year's to date."""

    year: int
    last_year: int
    previous: Target | None
    last_actual: Decimal | None
    last_actual_label: str
    last_actual_unit: str
    actual: Decimal | None
    actual_label: str


def year_over_year(target: Target, baseline: Result | None, loaded, progress, previous) -> YearOverYear:
    """What the target page shows under 上年对比. ``loaded``, ``progress`` and ``previous`` (last year's target of
    the same indicator, or ``None``) are the page's own (no new maths or reads):
    last year's actual is the baseline if there is one (the report's, or read from figures by start_year),
    else last year's own figures to the latest month entered."""
    last_actual, last_label, last_unit = None, "", target.indicator.unit
    if baseline is not None:
        last_actual, last_label, last_unit = baseline.value, baseline.label, baseline.unit
    elif loaded.last_year:
        through = latest_month(loaded.last_year, 12)
        last_actual = actual_to_date(target.indicator.measure, loaded.last_year, 12)
        last_label = figures_label(target.year - 1, target.indicator.measure, through)
    actual_label = ""
    if progress.actual is not None and progress.data_month:
        actual_label = _("%(year)s年1—%(month)s月") % {"year": target.year, "month": progress.data_month}
    return YearOverYear(
        year=target.year,
        last_year=target.year - 1,
        previous=previous,
        last_actual=last_actual,
        last_actual_label=last_label,
        last_actual_unit=last_unit,
        actual=progress.actual if progress.basis not in {"milestone", "periods"} else None,
        actual_label=actual_label,
    )
