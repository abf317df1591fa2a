"""Store what an admin confirmed of a read report: the plan year's targets and the review year's results.

The one write of 读取工作报告 (``import_report``), all or nothing. Every stored target and result keeps the exact
sentence it came from, and every target a revision entry “从报告导入”. Nothing that exists is changed unless its
row says so: a target the year already has for the same indicator is replaced only when the row's choice is
``replace`` (a placeholder carried over by 开始新年度 is then no longer carried), and likewise an existing result
for the same indicator and year. A baseline in another unit than its indicator is converted when the units
convert (万元 ↔ 亿元, 千米 ↔ 公里), and otherwise stored without the link, as the preview flagged.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from targets.models import Indicator, Result, Section, Target, TargetRevision
from targets.reader.numbers import convert

REASON = "从报告导入"
KEEP, REPLACE = "keep", "replace"
TRACKED = ["kind", "value", "unit", "firmness", "qualifier", "deadline", "period", "quote"]


@dataclass
class TargetRow:
    """A confirmed proposal: ``indicator`` is an existing Indicator or ``None`` (create one named ``name``)."""

    name: str
    kind: str
    value: Decimal | None
    unit: str
    firmness: str
    qualifier: str
    deadline: date | None
    period: str
    quote: str
    indicator: Indicator | None = None
    section_number: int = 0
    section_title: str = ""
    headline: bool = False
    on_existing: str = KEEP
    indicator_unit: str = ""
    direction: str = Indicator.Direction.HIGHER


@dataclass
class ResultRow:
    name: str
    value: Decimal
    unit: str
    qualifier: str
    quote: str
    section_number: int = 0
    section_title: str = ""
    baseline_of: int | None = None  # index into the target rows
    on_existing: str = KEEP


@dataclass
class Outcome:
    created_targets: list = field(default_factory=list)
    replaced_targets: list = field(default_factory=list)
    kept_targets: list = field(default_factory=list)
    created_results: list = field(default_factory=list)
    replaced_results: list = field(default_factory=list)
    kept_results: list = field(default_factory=list)
    converted: list = field(default_factory=list)
    unlinked: list = field(default_factory=list)


def baseline_value(value: Decimal, unit: str, indicator_unit: str) -> tuple[Decimal | None, str]:
    """A baseline in its indicator's unit: (value, unit) converted, or (None, unit) when it does not convert."""
    if unit == indicator_unit:
        return value, unit
    converted = convert(value, unit, indicator_unit)
    return (converted, indicator_unit) if converted is not None else (None, unit)


def _section(year, part, number, title):
    section, _created = Section.objects.get_or_create(
        year=year, part=part, number=number, defaults={"title": (title or _("主要预期目标"))[:120]}
    )
    return section


def _new_code(year: int) -> str:
    taken = set(Indicator.objects.filter(code__startswith=f"report-{year}-").values_list("code", flat=True))
    number = len(taken) + 1
    while f"report-{year}-{number:03d}" in taken:
        number += 1
    return f"report-{year}-{number:03d}"


def _display(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


@transaction.atomic
def import_report(plan_year: int, targets: list[TargetRow], results: list[ResultRow], user) -> Outcome:
    """Create (or, where a row chose so, replace) the confirmed targets and results; one revision per target."""
    review_year = plan_year - 1
    outcome = Outcome()
    stored: dict[int, Target] = {}
    for order, row in enumerate(targets, start=1):
        indicator = row.indicator
        if indicator is None:
            indicator = Indicator.objects.create(
                code=_new_code(plan_year),
                name=row.name[:120],
                unit=(row.indicator_unit or row.unit or "项")[:20],
                direction=row.direction,
            )
        section = _section(plan_year, Section.Part.PLAN, row.section_number, row.section_title)
        fields = {
            "kind": row.kind,
            "value": row.value,
            "unit": row.unit,
            "firmness": row.firmness,
            "qualifier": row.qualifier,
            "deadline": row.deadline,
            "period": row.period,
            "quote": row.quote,
        }
        existing = Target.objects.filter(indicator=indicator, year=plan_year).first()
        if existing is not None and row.on_existing != REPLACE:
            outcome.kept_targets.append(existing)
            stored[order - 1] = existing
            continue
        if existing is not None:
            revisions = [
                TargetRevision(
                    target=existing,
                    changed_by=user,
                    field=str(Target._meta.get_field(name).verbose_name),
                    old_value=_display(getattr(existing, name)),
                    new_value=_display(value),
                    reason=REASON,
                )
                for name, value in fields.items()
                if getattr(existing, name) != value
            ]
            for name, value in fields.items():
                setattr(existing, name, value)
            existing.section = section
            existing.headline = row.headline
            existing.carried_from = None
            existing.full_clean()
            existing.save()
            TargetRevision.objects.bulk_create(revisions)
            outcome.replaced_targets.append(existing)
            stored[order - 1] = existing
            continue
        target = Target(
            indicator=indicator, year=plan_year, section=section, headline=row.headline, order=order, **fields
        )
        target.full_clean()
        target.save()
        TargetRevision.objects.create(
            target=target,
            changed_by=user,
            field=str(Target._meta.get_field("value").verbose_name),
            old_value="",
            new_value=f"{row.qualifier}{_display(row.value)}{row.unit}"
            if row.value is not None
            else row.name,
            reason=REASON,
        )
        outcome.created_targets.append(target)
        stored[order - 1] = target
    for order, row in enumerate(results, start=1):
        section = _section(
            review_year, Section.Part.REVIEW, row.section_number, row.section_title or _("工作回顾")
        )
        indicator = None
        value, unit = row.value, row.unit
        if row.baseline_of is not None and row.baseline_of in stored:
            target = stored[row.baseline_of]
            converted, converted_unit = baseline_value(value, unit, target.indicator.unit)
            if target.kind == Target.Kind.GROWTH and converted is None:
                converted, converted_unit = value, unit
            if converted is None:
                outcome.unlinked.append(row)
            else:
                if converted_unit != unit:
                    outcome.converted.append((row, converted, converted_unit))
                indicator, value, unit = target.indicator, converted, converted_unit
        fields = {
            "section": section,
            "name": row.name[:120],
            "value": value,
            "unit": unit,
            "qualifier": row.qualifier,
            "quote": row.quote,
            "order": order,
            "basis": Result.Basis.REPORT,
            "through_month": None,
        }
        existing = Result.objects.filter(indicator=indicator, year=review_year).first() if indicator else None
        if existing is not None:
            if row.on_existing != REPLACE:
                outcome.kept_results.append(existing)
                continue
            for name, field_value in fields.items():
                setattr(existing, name, field_value)
            existing.save()
            outcome.replaced_results.append(existing)
            continue
        outcome.created_results.append(Result.objects.create(year=review_year, indicator=indicator, **fields))
    return outcome
