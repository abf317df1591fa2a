"""The dashboard's table of every target with its progress (django-tables2), and its export to .xlsx and .csv.

The table is built on ``TargetRow`` objects (a target with its ``Progress``), not on a queryset: status and
completion are computed in Python by the progress engine, so sorting and filtering by them happen in Python too.
Export writes exactly the rows and columns shown (``Table.as_values``) with openpyxl or the csv module; tablib,
which django-tables2's own ``TableExport`` needs, is not required.
"""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

import django_tables2 as tables
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from targets.models import Result, Target
from targets.progress import Progress, display

LOWEST = Decimal("-Infinity")


@dataclass
class TargetRow:
    """One target and where it stands; the attributes the table sorts by are never ``None``."""

    target: Target
    progress: Progress
    baseline: Result | None = (
        None  # last year's result for the indicator (the report's, or read from figures)
    )

    @property
    def is_ensure(self) -> bool:
        return self.target.firmness == Target.Firmness.ENSURE

    @property
    def urgency_key(self) -> tuple:
        """Behind (or missed) 确保 targets first, then by status urgency, then in the report's order."""
        ensure_behind = self.progress.is_behind and self.is_ensure
        return (
            0 if ensure_behind else 1,
            self.progress.urgency,
            self.target.section.number,
            self.target.order,
            self.target.pk,
        )

    @property
    def section_key(self) -> tuple:
        return (self.target.section.number, self.target.order, self.target.pk)

    @property
    def office_name(self) -> str:
        return str(self.target.indicator.office or "")

    @property
    def completion_key(self) -> Decimal:
        return LOWEST if self.progress.completion is None else self.progress.completion

    @property
    def gap_key(self) -> Decimal:
        return LOWEST if self.progress.gap is None else self.progress.gap

    @property
    def reading(self) -> display.Reading:
        """How this row's numbers read (units, labels, rounding): ``targets.progress.display``."""
        return display.reading(self.target, self.progress)

    @property
    def actual_unit(self) -> str:
        return self.reading.actual_unit

    @property
    def completion_unit(self) -> str:
        return self.reading.completion_unit


class TargetProgressTable(tables.Table):
    section = tables.Column(
        verbose_name=_("章节"), accessor="target__section__title", order_by=("section_key",)
    )
    indicator = tables.Column(
        verbose_name=_("指标"), accessor="target__indicator__name", order_by=("target__indicator__name",)
    )
    firmness = tables.Column(verbose_name=_("表述"), accessor="target__firmness", order_by=("is_ensure",))
    goal = tables.Column(verbose_name=_("目标"), accessor="target__value", orderable=False)
    actual = tables.Column(
        verbose_name=_("完成值"),
        accessor="progress__actual",
        orderable=False,
        attrs={"td": {"class": "number"}},
    )
    completion = tables.Column(
        verbose_name=_("完成率/增速"),
        accessor="progress__completion",
        order_by=("completion_key",),
        attrs={"td": {"class": "number"}},
    )
    expected = tables.Column(
        verbose_name=_("序时/目标"),
        accessor="progress__expected",
        orderable=False,
        attrs={"td": {"class": "number"}},
    )
    gap = tables.Column(
        verbose_name=_("差距（百分点）"),
        accessor="progress__gap",
        order_by=("gap_key",),
        attrs={"td": {"class": "number"}},
    )
    status = tables.Column(verbose_name=_("状态"), accessor="progress__status", order_by=("urgency_key",))
    projection = tables.Column(
        verbose_name=_("预计全年"),
        accessor="progress__projection",
        orderable=False,
        attrs={"td": {"class": "number"}},
    )
    office = tables.Column(verbose_name=_("牵头单位"), accessor="office_name", order_by=("office_name",))
    kind = tables.Column(verbose_name=_("类型"), accessor="target__kind", order_by=("target__kind",))
    baseline = tables.Column(verbose_name=_("上年基数"), empty_values=(), orderable=False)

    class Meta:
        template_name = "django_tables2/table.html"
        attrs = {"class": "table progress-table", "id": "progress-table"}
        row_attrs = {
            "data-status": lambda record: record.progress.status,
            "class": lambda record: "row-alert" if record.progress.is_behind and record.is_ensure else "",
        }
        empty_text = _("没有符合条件的目标。")

    # --- what the page shows ---

    def render_indicator(self, record):
        url = reverse("targets:detail", args=[record.target.pk])
        sample = ""
        if record.progress.sample:
            sample = format_html(' <span class="sample-badge">{}</span>', gettext("示例数据"))
        return format_html('<a href="{}">{}</a>{}', url, record.target.indicator.name, sample)

    def render_firmness(self, record):
        return render_to_string("includes/firmness.html", {"target": record.target})

    def render_baseline(self, record):
        result = record.baseline
        if result is None:
            return "—"
        figure = display.written(result.value, result.unit, result.qualifier)
        return (
            format_html('<span title="{}">{}</span>', result.label, figure) if result.from_figures else figure
        )

    def value_baseline(self, record):
        result = record.baseline
        return "" if result is None else display.written(result.value, result.unit, result.qualifier)

    def render_goal(self, record):
        return render_to_string("includes/target_value.html", {"target": record.target}).strip()

    def render_actual(self, record):
        return record.reading.actual_text

    def render_completion(self, record):
        return record.reading.completion_text

    def render_expected(self, record):
        return record.reading.expected_text

    def render_gap(self, record):
        return record.reading.gap_figure

    def render_status(self, record):
        return render_to_string(
            "targets/includes/status_badge.html",
            {"progress": record.progress, "note": record.reading.status_note},
        )

    def render_projection(self, record):
        return record.reading.projection_text

    def render_kind(self, record):
        return record.target.get_kind_display()

    # --- what the export writes: plain text, the same rows and columns ---

    def value_indicator(self, record):
        name = record.target.indicator.name
        return gettext("%(name)s（示例数据）") % {"name": name} if record.progress.sample else name

    def value_firmness(self, record):
        return record.target.get_firmness_display() if record.target.firmness else ""

    def value_goal(self, record):
        return display.target_text(record.target)

    def value_status(self, record):
        note = record.reading.status_note
        label = record.progress.status_label
        return f"{label}（{note}）" if note else label

    def value_projection(self, record):
        return self.render_projection(record)


EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def export_response(table: tables.Table, export_format: str, filename: str) -> HttpResponse:
    """The rows and columns ``table`` shows, as a download in ``export_format`` (``csv`` or ``xlsx``)."""
    rows = [[str(cell) if cell is not None else "" for cell in row] for row in table.as_values()]
    if export_format == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = gettext("目标进度")
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        content = buffer.getvalue()
    else:
        text = io.StringIO()
        csv.writer(text).writerows(rows)
        content = "\ufeff" + text.getvalue()  # a BOM, so Excel opens the Chinese text as UTF-8
    response = HttpResponse(content, content_type=EXPORT_TYPES[export_format])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}.{export_format}"
    return response
