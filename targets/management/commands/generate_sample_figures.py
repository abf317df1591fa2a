"""Generate plausible monthly figures for a year's targets, for demonstrations only.

Every generated figure is marked ``is_sample=True`` and gets a ``FigureChange`` with source ``sample``; every
screen that shows one labels it 示例数据. A month an office has really entered is never touched, and nothing is
written to ``fixtures/``. ``--clear`` deletes the sample figures (and only them).

How each kind is generated (``--seed`` makes it repeatable):

- amounts, counts and deadline targets: a year-to-date total rising towards the target (or towards its deadline)
  with noise, never going down; counts are whole numbers;
- growth targets: towards the amount last year's result implies (the report's baseline); where there is none,
  last year's same months are generated too, so that 累计同比 can be computed;
- shares and rates: a level near the target level, closing in on it over the year;
- recurring targets: one event in most periods, the odd one missed;
- milestones: 0 until a month in the year, then 1 (or not yet).

A generated month that ends up behind 序时 carries a sample 原因 and 下步措施, so the briefing shows them.
"""

import random
from decimal import ROUND_HALF_UP, Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from targets.models import Figure, FigureChange, Indicator, Result, Target
from targets.progress import PERIOD_MONTHS, evaluate

TWO_PLACES = Decimal("0.01")
SAMPLE_REASON = "（示例）受市场需求和季节性因素影响，进度慢于序时。"
SAMPLE_MEASURES = "（示例）加强调度，逐月跟踪，力争下月赶上序时进度。"
LAST_YEAR_TOTAL = Decimal(100)  # an invented total for last year when the report gives no baseline


def _round(value: float, whole: bool) -> Decimal:
    number = Decimal(str(value))
    if whole:
        return number.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return number.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def is_whole(target: Target) -> bool:
    return target.kind in {
        Target.Kind.COUNT,
        Target.Kind.DEADLINE,
        Target.Kind.RECURRING,
        Target.Kind.MILESTONE,
    }


def rising_totals(goal: Decimal, months: int, due: int, rng: random.Random, whole: bool) -> list[Decimal]:
    """Year-to-date totals for months 1..``months``: about goal × m/due, noisy, never falling."""
    totals = []
    previous = Decimal(0)
    for month in range(1, months + 1):
        share = min(month / due, 1.0) * rng.uniform(0.82, 1.15)
        value = max(_round(float(goal) * share, whole), previous)
        totals.append(value)
        previous = value
    return totals


def as_measure(totals: list[Decimal], measure: str) -> list[Decimal]:
    """Year-to-date totals as the indicator reports them: totals, or each month's own part."""
    if measure != Indicator.Measure.MONTH:
        return totals
    return [total - (totals[i - 1] if i else Decimal(0)) for i, total in enumerate(totals)]


def series_for(target: Target, months: int, rng: random.Random, baseline: Decimal | None):
    """{year: [values of months 1..months]} to generate for ``target``."""
    measure = target.indicator.measure
    whole = is_whole(target)
    kind = target.kind
    if kind == Target.Kind.SHARE:
        value = float(target.value)
        lower = target.indicator.direction == Indicator.Direction.LOWER
        levels = []
        for month in range(1, months + 1):
            start = 1.12 if lower else 0.88
            drift = start + (1 - start) * month / 12
            levels.append(_round(value * drift * rng.uniform(0.97, 1.04), whole=False))
        return {target.year: levels}
    if kind == Target.Kind.RECURRING:
        length = PERIOD_MONTHS.get(target.period, 3)
        monthly = [Decimal(0)] * months
        for start in range(0, months, length):
            if rng.random() < 0.85:
                monthly[min(start + rng.randrange(length), months - 1)] += target.value
        totals = [sum(monthly[: i + 1], Decimal(0)) for i in range(months)]
        return {target.year: monthly if measure == Indicator.Measure.MONTH else totals}
    if kind == Target.Kind.MILESTONE:
        done_in = rng.randint(3, 14)  # after December: not done this year
        done = target.value or Decimal(1)
        return {target.year: [done if m >= done_in else Decimal(0) for m in range(1, months + 1)]}
    due = target.deadline.month if target.deadline else 12
    if kind == Target.Kind.GROWTH and target.indicator.unit.strip() == "%":
        # the figures are the growth rates themselves (as statistics publish them): near the target rate
        rate = float(target.value)
        return {target.year: [_round(rate * rng.uniform(0.7, 1.3), whole=False) for _ in range(months)]}
    if kind == Target.Kind.GROWTH:
        rate = 1 + target.value / 100
        if baseline:
            totals = rising_totals(baseline * rate, months, 12, rng, whole)
            return {target.year: as_measure(totals, measure)}
        last = rising_totals(LAST_YEAR_TOTAL, months, 12, rng, whole)
        this = [max(_round(float(v * rate) * rng.uniform(0.96, 1.04), whole), Decimal(0)) for v in last]
        for i in range(1, len(this)):
            this[i] = max(this[i], this[i - 1])
        return {target.year - 1: as_measure(last, measure), target.year: as_measure(this, measure)}
    return {target.year: as_measure(rising_totals(target.value, months, due, rng, whole), measure)}


class Command(BaseCommand):
    help = "为某年度的目标生成演示用的月度示例数据（全部标记为示例数据）；--clear 只删除示例数据"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="年度，如 2023")
        parser.add_argument("--through", type=int, default=12, help="生成到几月（1–12），默认 12")
        parser.add_argument("--seed", type=int, default=2023, help="随机种子，相同种子生成相同数据")
        parser.add_argument("--clear", action="store_true", help="删除全部示例数据（真实填报不受影响）")

    def handle(self, *args, year=None, through=12, seed=2023, clear=False, **options):
        if clear:
            samples = Figure.objects.filter(is_sample=True)
            if year:
                samples = samples.filter(year__in=[year, year - 1])
            deleted = samples.count()
            samples.delete()
            self.stdout.write(self.style.SUCCESS(f"已删除示例数据 {deleted} 条，真实填报数据未受影响。"))
            return
        if year is None:
            raise CommandError("请用 --year 指定年度，如 --year 2023。")
        if not 1 <= through <= 12:
            raise CommandError("--through 须为 1 至 12 之间的月份。")
        targets = list(Target.objects.filter(year=year).select_related("indicator").order_by("pk"))
        if not targets:
            raise CommandError(f"{year}年没有目标，无从生成示例数据。")
        created, updated, kept = self.generate(targets, year, through, random.Random(seed))
        self.stdout.write(
            self.style.SUCCESS(
                f"已为{year}年{len(targets)}项目标生成1—{through}月示例数据：新增 {created} 条，更新 {updated} 条；"
                f"保留真实填报 {kept} 条未动。示例数据仅供演示，各页面均标注“示例数据”。"
            )
        )

    @transaction.atomic
    def generate(self, targets, year, through, rng):
        baselines = dict(
            Result.objects.filter(indicator__in=[t.indicator_id for t in targets], year=year - 1).values_list(
                "indicator_id", "value"
            )
        )
        created = updated = kept = 0
        for target in targets:
            if target.value is None and target.kind != Target.Kind.MILESTONE:
                continue  # nothing to aim at: an incomplete target is not given invented figures
            series = series_for(target, through, rng, baselines.get(target.indicator_id))
            behind_months = self._behind_months(target, series, through, baselines.get(target.indicator_id))
            for series_year, values in series.items():
                for month, value in enumerate(values, start=1):
                    behind = series_year == year and month in behind_months
                    outcome = self._write(target.indicator, series_year, month, value, behind)
                    created += outcome == "created"
                    updated += outcome == "updated"
                    kept += outcome == "kept"
        return created, updated, kept

    @staticmethod
    def _behind_months(target, series, through, baseline) -> set[int]:
        this = dict(enumerate(series.get(target.year, []), start=1))
        last = dict(enumerate(series.get(target.year - 1, []), start=1)) or None
        return {
            month
            for month in range(1, through + 1)
            if evaluate(target, this, month, last_year=last, baseline=baseline).is_behind
        }

    @staticmethod
    def _write(indicator, year, month, value, behind) -> str:
        reason, measures = (SAMPLE_REASON, SAMPLE_MEASURES) if behind else ("", "")
        figure = Figure.objects.filter(indicator=indicator, year=year, month=month).first()
        if figure is not None and not figure.is_sample:
            return "kept"  # a real entry is never overwritten by invented data
        if figure is None:
            figure = Figure.objects.create(
                indicator=indicator,
                year=year,
                month=month,
                value=value,
                reason=reason,
                measures=measures,
                is_sample=True,
                note="示例数据",
            )
            FigureChange.objects.create(
                figure=figure, source=FigureChange.Source.SAMPLE, new_value=value, new_note=figure.note
            )
            return "created"
        old_value = figure.value
        figure.value, figure.reason, figure.measures = value, reason, measures
        figure.version += 1
        figure.save()
        FigureChange.objects.create(
            figure=figure,
            source=FigureChange.Source.SAMPLE,
            old_value=old_value,
            new_value=value,
            old_note=figure.note,
            new_note=figure.note,
            comment="重新生成示例数据",
        )
        return "updated"
