"""The dashboard's table of every target with its progress (django-tables2), and its export to .xlsx and .csv.

The table is built on ``TargetRow`` objects (a target with its ``Progress`` and light), not on a queryset: status
and completion are computed in Python by the progress engine, so sorting and filtering by them happen in Python
too. django-tables2 sorts the rows (``RequestConfig``) and exports them; the page's rows are built by
``rows_html`` from the row objects, whose properties hold each cell's text: the row object is the one place a
row's display is decided, and no template is rendered per row or cell.
Export writes exactly the rows and columns shown (``Table.as_values``) with openpyxl or the csv module; tablib,
which django-tables2's own ``TableExport`` needs, is not required.
"""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

import django_tables2 as tables
from django.http import HttpResponse
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from targets.models import Result, Target
from targets.progress import Progress, display

LOWEST = Decimal("-Infinity")


def _choice_label(choices, value) -> str:
    """What ``get_FOO_display`` answers for a field whose choices are ``choices``: the label, else the value."""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


@dataclass(eq=False)
class TargetRow:
    """One target, where it stands and its light; the attributes the table sorts by are never ``None``, and the
    ``*_text`` properties are the cells as the page and the export show them."""

    target: Target
    progress: Progress
    baseline: Result | None = (
        None  # last year's result for the indicator (the report's, or read from figures)
    )
    light: str | None = None

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

    @cached_property
    def reading(self) -> display.Reading:
        """How this row's numbers read (units, labels, rounding): ``targets.progress.display``."""
        return display.reading(self.target, self.progress)

    @property
    def actual_unit(self) -> str:
        return self.reading.actual_unit

    @property
    def completion_unit(self) -> str:
        return self.reading.completion_unit

    # --- each cell as shown (computed once per row), all read through ``targets.progress.display`` ---

    @cached_property
    def url(self) -> str:
        return reverse("targets:detail", args=[self.target.pk])

    @cached_property
    def light_label(self) -> str:
        from targets.lights import Light

        return str(Light(self.light).label) if self.light else ""

    @cached_property
    def light_html(self) -> str:
        """The light as ``targets/includes/light.html`` draws it, built once (the table draws it twice a row)."""
        if not self.light:
            return ""
        return format_html(
            '<span class="light light-{}" role="img" aria-label="{}" title="{}"></span>',
            self.light,
            self.light_label,
            self.light_label,
        )

    @cached_property
    def firmness_class(self) -> str:
        return {Target.Firmness.ENSURE: "ensure", Target.Firmness.STRIVE: "strive"}.get(
            self.target.firmness, "other"
        )

    @cached_property
    def firmness_display(self) -> str:
        """表述 (确保, 力争…) as ``get_firmness_display`` shows it, without rebuilding the choices per call."""
        return _choice_label(Target.Firmness, self.target.firmness)

    @cached_property
    def kind_display(self) -> str:
        return _choice_label(Target.Kind, self.target.kind)

    @cached_property
    def goal_text(self) -> str:
        return display.target_text(self.target)

    @cached_property
    def baseline_text(self) -> str:
        result = self.baseline
        return "—" if result is None else display.written(result.value, result.unit, result.qualifier)

    @cached_property
    def actual_text(self) -> str:
        return self.reading.actual_text

    @cached_property
    def completion_text(self) -> str:
        return self.reading.completion_text

    @cached_property
    def expected_text(self) -> str:
        return self.reading.expected_text

    @cached_property
    def gap_text(self) -> str:
        """The gap with its unit (+4.8个百分点), for a line of text."""
        return self.reading.gap_text

    @cached_property
    def gap_figure(self) -> str:
        """The gap without its unit (+4.8), for a column headed 差距（百分点）."""
        return self.reading.gap_figure

    @cached_property
    def projection_text(self) -> str:
        return self.reading.projection_text

    @cached_property
    def status_label(self) -> str:
        return self.progress.status_label

    @cached_property
    def status_note(self) -> str:
        return self.reading.status_note


class TargetProgressTable(tables.Table):
    """The columns, in the page's order (``progress_table.html`` draws one cell per column, in this order)."""

    indicator = tables.Column(
        verbose_name=_("指标"), accessor="target__indicator__name", order_by=("target__indicator__name",)
    )
    status = tables.Column(verbose_name=_("状态"), accessor="progress__status", order_by=("urgency_key",))
    light = tables.Column(verbose_name=_("亮灯"), accessor="light", orderable=False)
    gap = tables.Column(verbose_name=_("差距（百分点）"), accessor="progress__gap", order_by=("gap_key",))
    actual = tables.Column(verbose_name=_("完成值"), accessor="progress__actual", orderable=False)
    completion = tables.Column(
        verbose_name=_("完成率/增速"), accessor="progress__completion", order_by=("completion_key",)
    )
    expected = tables.Column(verbose_name=_("序时/目标"), accessor="progress__expected", orderable=False)
    goal = tables.Column(verbose_name=_("目标"), accessor="target__value", orderable=False)
    projection = tables.Column(verbose_name=_("预计全年"), accessor="progress__projection", orderable=False)
    baseline = tables.Column(verbose_name=_("上年基数"), empty_values=(), orderable=False)
    office = tables.Column(verbose_name=_("牵头单位"), accessor="office_name", order_by=("office_name",))
    firmness = tables.Column(verbose_name=_("表述"), accessor="target__firmness", order_by=("is_ensure",))
    section = tables.Column(
        verbose_name=_("章节"), accessor="target__section__title", order_by=("section_key",)
    )
    kind = tables.Column(verbose_name=_("类型"), accessor="target__kind", order_by=("target__kind",))

    class Meta:
        empty_text = _("没有符合条件的目标。")

    # --- what the export writes: plain text, the same rows and columns ---

    def value_indicator(self, record):
        name = record.target.indicator.name
        return gettext("%(name)s（示例数据）") % {"name": name} if record.progress.sample else name

    def value_section(self, record):
        return record.target.section.title

    def value_actual(self, record):
        return record.actual_text

    def value_completion(self, record):
        return record.completion_text

    def value_expected(self, record):
        return record.expected_text

    def value_gap(self, record):
        return record.gap_figure

    def value_baseline(self, record):
        return "" if record.baseline is None else record.baseline_text

    def value_office(self, record):
        return record.office_name

    def value_kind(self, record):
        return record.target.get_kind_display()

    def value_light(self, record):
        return record.light_label

    def value_firmness(self, record):
        return record.target.get_firmness_display() if record.target.firmness else ""

    def value_goal(self, record):
        return record.goal_text

    def value_status(self, record):
        note = record.status_note
        return f"{record.status_label}（{note}）" if note else record.status_label

    def value_projection(self, record):
        return record.projection_text


# The cells after the first two, in the page's order: (column, row attribute, right-aligned as a number).
NUMBER_CELLS = [
    ("gap", "gap_figure", True),
    ("actual", "actual_text", True),
    ("completion", "completion_text", True),
    ("expected", "expected_text", True),
    ("goal", "goal_text", False),
    ("projection", "projection_text", True),
    ("baseline", "baseline_text", True),
]
TEXT_CELLS = ["office", "firmness", "section", "kind"]


def rows_html(table: "TargetProgressTable") -> str:
    """The table's body, one ``<tr>`` per row, built here rather than in a template loop: 60 rows of 13 cells
    through the template engine cost the dashboard more than reading and evaluating every target (issue 10).
    The cells are the row object's ``*_text`` properties, as the export's; on a phone each row becomes a card
    whose first line is name, light and gap (app.css), the other cells labelled by ``data-label``, the
    column's own header."""
    sample = escape(gettext("示例数据"))
    headers = {column.name: escape(str(column.header)) for column in table.columns}
    status_label_attr = headers["status"]
    labels = [(name, headers[name], attribute, number) for name, attribute, number in NUMBER_CELLS]
    tail = [(name, headers[name]) for name in TEXT_CELLS]
    html = []
    for row in table.data:
        progress = row.progress
        status = escape(progress.status)
        status_label = escape(row.status_label)
        light = row.light_html
        firmness = (
            f' <span class="firmness firmness-{row.firmness_class}">{escape(row.firmness_display)}</span>'
            if row.target.firmness
            else ""
        )
        badge = f' <span class="sample-badge">{sample}</span>' if progress.sample else ""
        gap = "" if progress.gap is None else f' <span class="gap">{escape(row.gap_text)}</span>'
        note = (
            f' <span class="status-note muted small">{escape(row.status_note)}</span>'
            if row.status_note
            else ""
        )
        alert = ' class="row-alert"' if row.is_ensure and progress.is_behind else ""
        cells = [
            f'<td class="col-indicator"><a href="{escape(row.url)}">{escape(row.target.indicator.name)}</a>'
            f'{firmness}{badge}<span class="phone-only phone-summary"> {light}'
            f'<span class="status-word">{status_label}</span>{gap}</span></td>',
            f'<td class="col-status" data-label="{status_label_attr}">{light}'
            f'<span class="status status-{status}">{status_label}</span>{note}</td>',
        ]
        for name, label, attribute, number in labels:
            kind = f"col-{name} number" if number else f"col-{name}"
            cells.append(f'<td class="{kind}" data-label="{label}">{escape(getattr(row, attribute))}</td>')
        texts = [
            row.office_name or "—",
            row.firmness_display or "—",
            row.target.section.title,
            row.kind_display,
        ]
        cells += [
            f'<td class="col-{name}" data-label="{label}">{escape(text)}</td>'
            for (name, label), text in zip(tail, texts, strict=True)
        ]
        html.append(f'<tr data-status="{status}"{alert}>{"".join(cells)}</tr>')
    return mark_safe("\n".join(html))  # noqa: S308 -- every text above is escaped


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
