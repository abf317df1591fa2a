"""The dashboard (home page) and a target's page: gather the targets and figures, ask the engine, render."""

import dataclasses

from django.http import QueryDict
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from targets import charts
from targets.filters import MONTH_CHOICES, DashboardFilter, default_month, default_year, target_years
from targets.models import Figure, Result, Target
from targets.panels import panels_for
from targets.progress import display, evaluate_targets, load_figures, register_series, status_history
from targets.tables import EXPORT_TYPES, TargetProgressTable, TargetRow, export_response
from targets.years import year_over_year


def _year_hint(raw: str, years: list[int]) -> int:
    return int(raw) if raw.isdigit() and len(raw) == 4 else default_year(years)


def home(request):
    years = target_years()
    form = DashboardFilter(request.GET, year=_year_hint(request.GET.get("year", ""), years))
    context = {"form": form, "years": years, "month_choices": MONTH_CHOICES}
    export = request.GET.get("export", "")
    if not form.is_valid() or (export and export not in EXPORT_TYPES):
        if export and export not in EXPORT_TYPES:
            context["export_error"] = _("导出格式只能是 xlsx 或 csv。")
        return render(request, "targets/home.html", context, status=400)

    year = form.cleaned_data["year"] or default_year(years)
    month = form.cleaned_data["month"] or default_month(year)
    targets = list(
        Target.objects.filter(year=year)
        .select_related("indicator__office", "section")
        .order_by("section__number", "order", "id")
    )
    context.update({"year": year, "month": month, "targets_exist": bool(targets)})
    if not targets:
        return render(request, "targets/home.html", context)

    loaded = load_figures(targets)
    progress = evaluate_targets(targets, month, loaded=loaded)
    baselines = {
        result.indicator_id: result
        for result in Result.objects.filter(
            indicator_id__in={t.indicator_id for t in targets}, year=year - 1
        ).select_related("indicator")
    }
    in_report_order = [
        TargetRow(target, progress[target.pk], baselines.get(target.indicator_id)) for target in targets
    ]
    rows = form.apply(sorted(in_report_order, key=lambda row: row.urgency_key))
    table = TargetProgressTable(rows)
    RequestConfig(request, paginate=False).configure(table)
    if export:
        return export_response(table, export, f"targets-{year}-{month:02d}")

    cards = [
        {
            "row": row,
            "sparkline": charts.sparkline_points(
                row.target.indicator.measure, loaded[row.target.pk].figures, month
            ),
        }
        for row in in_report_order
        if row.target.headline
    ]
    section_charts = []
    by_section = {}
    for row in sorted(rows, key=lambda row: row.section_key):
        by_section.setdefault(row.target.section, []).append(row)
    for section, section_rows in by_section.items():
        chart = charts.figure_json(charts.section_chart(section.title, section_rows))
        if chart:
            section_charts.append(
                {"id": f"section-chart-{section.pk}", "title": section.title, "chart": chart}
            )

    query = request.GET.copy()
    query.pop("export", None)
    context.update(
        {
            "table": table,
            "rows": rows,
            "cards": cards,
            "section_charts": section_charts,
            "has_figures": any(p.data_month for p in progress.values()),
            "shows_sample": any(row.progress.sample for row in rows)
            or any(c["row"].progress.sample for c in cards),
            "export_links": [(name, _export_url(query, name)) for name in EXPORT_TYPES],
            "is_filtered": form.is_filtered,
        }
    )
    return render(request, "targets/home.html", context)


def _export_url(query: QueryDict, export_format: str) -> str:
    query = query.copy()
    query["export"] = export_format
    return f"?{query.urlencode()}"


def target_detail(request, pk):
    target = get_object_or_404(Target.objects.select_related("indicator__office", "section"), pk=pk)
    month, month_error = _detail_month(request.GET.get("month", ""), target.year)
    loaded = load_figures([target])[target.pk]
    progress = evaluate_targets([target], month, loaded={target.pk: loaded})[target.pk]
    history = status_history(target, loaded, month)
    baseline = target.baseline()
    # A target counted from the register draws the register's count, month by month, not typed figures.
    counted = register_series(target, month)
    drawn = loaded if counted is None else dataclasses.replace(loaded, figures=counted)
    chart = charts.target_chart(target, drawn, progress, baseline_label=baseline.label if baseline else "")
    figures = Figure.objects.filter(indicator=target.indicator, year=target.year).select_related("updated_by")
    context = {
        "target": target,
        "baseline": baseline,
        "revisions": target.revisions.select_related("changed_by"),
        "panels": panels_for(request, target),
        "month": month,
        "month_error": month_error,
        "month_choices": MONTH_CHOICES,
        "progress": progress,
        "reading": display.reading(target, progress),
        "history": history,
        "history_readings": [display.reading(target, step) for step in history],
        "chart": charts.figure_json(chart),
        "figures": figures,
        "shows_sample": any(figure.is_sample for figure in figures),
        "last_year": target.year - 1,
        "year_over_year": year_over_year(target, baseline, loaded, progress),
    }
    return render(request, "targets/detail.html", context, status=400 if month_error else 200)


def _detail_month(raw: str, year: int) -> tuple[int, str]:
    """The month asked for on a target's page, or the default with a message when it is not 1 to 12."""
    if not raw:
        return default_month(year), ""
    if raw.isdigit() and 1 <= int(raw) <= 12:
        return int(raw), ""
    return default_month(year), _("月份“%(value)s”无效，须为 1 到 12；已显示最新月份。") % {"value": raw[:20]}
