"""The dashboard (home page) and a target's page: gather the targets and figures, ask the engine, render."""

import dataclasses

from django.db.models import Q, Subquery
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from targets import charts, counting, pagecache
from targets.dashboard import dashboard, read_year, year_targets
from targets.filters import MONTH_CHOICES, DashboardFilter, default_month, default_year, target_years
from targets.models import Target
from targets.panels import panels_for
from targets.progress import display, evaluate_targets, load_figures, register_series, status_history
from targets.progress.loading import figures_of
from targets.tables import EXPORT_TYPES, TargetProgressTable, export_response, rows_html
from targets.years import year_over_year


def _read_filters(request, targets) -> tuple[DashboardFilter, list[str]]:
    """The filter form of the query, and the messages about what in it was not understood.

    A value that is not a choice (an unknown status in a hand-typed link, a section of another year) is dropped
    with a message: the page then shows every target rather than an empty table or an error page.
    """
    form = DashboardFilter(request.GET, targets=targets)
    if form.is_valid():
        return form, []
    problems = [
        f"{form.fields[name].label}：{error}" for name, errors in form.errors.items() for error in errors
    ]
    kept = request.GET.copy()
    for name in form.errors:
        kept.pop(name, None)
    form = DashboardFilter(kept, targets=targets)
    form.is_valid()  # only valid fields are left
    return form, problems


def home(request):
    """The dashboard; its body is the same for every reader, so it comes from the page cache while the data and
    the day are unchanged (``targets.pagecache``). An export is always built afresh."""
    export = request.GET.get("export", "")
    if export in EXPORT_TYPES:
        built = _dashboard(request, export=export)
        if isinstance(built, HttpResponse):
            return built
    else:
        built = pagecache.body(request, "home", lambda: _dashboard(request))
    return render(request, "targets/home.html", built, status=built["status"])


def _dashboard(request, export: str = ""):
    """The dashboard's body as HTML (with its status and whether it draws charts), or the export asked for."""
    asked = request.GET.get("year", "")
    settings = None  # BoardSettings, read with the targets when the year is known
    if asked.isdigit() and len(asked) == 4:  # the year, the list of years and the settings in one query
        year_hint = int(asked)
        read = read_year(year_hint)
        targets, years, settings = read.targets, read.years, read.board
    else:
        years = target_years()
        year_hint = default_year(years)
        targets = year_targets(year_hint)
    form, problems = _read_filters(request, targets)
    if request.GET.get("export", "") and not export:
        problems.append(_("导出格式只能是 xlsx 或 csv。"))
    year = form.cleaned_data.get("year") or default_year(years)
    month = form.cleaned_data.get("month")  # None: the builder finds the latest month with figures
    if year != year_hint:  # the year asked for was not understood
        targets = year_targets(year)
    board = dashboard(
        year, month, form.cleaned_data, targets=targets, board=settings, charts_wanted=not export
    )
    month = board.month
    context = {
        "form": form,
        "problems": problems,
        "years": years,
        "month_choices": MONTH_CHOICES,
        "year": year,
        "month": month,
        "board": board,
        "targets_exist": board.targets_exist,
    }
    if board.targets_exist:
        table = TargetProgressTable(board.rows)
        RequestConfig(request, paginate=False).configure(table)
        if export:
            return export_response(table, export, f"targets-{year}-{month:02d}")
        context.update(
            {
                "table": table,
                "rows": list(table.data),
                "rows_html": rows_html(table),
                "headers": _headers(table, request.GET),
                "export_links": [(name, _export_url(request.GET, name)) for name in EXPORT_TYPES],
                "strip_base": _strip_base(year, month, form),
                "is_filtered": form.is_filtered,
            }
        )
    return {
        "body": render_to_string("targets/home_body.html", context),
        "status": 400 if problems else 200,
        "charts": bool(board.section_charts),
    }


def _headers(table: TargetProgressTable, query: QueryDict) -> list[dict]:
    """The table's column headers with their sort links (the light has no column of its own: it sits by the status)."""
    headers = []
    for column in table.columns:
        if column.name == "light":
            continue
        head = {"name": column.name, "label": column.header, "href": "", "order": ""}
        if column.orderable:
            sorted_query = query.copy()
            sorted_query.pop("export", None)
            sorted_query[table.prefixed_order_by_field] = column.order_by_alias.next
            head["href"] = f"?{sorted_query.urlencode()}"
        if column.is_ordered:
            head["order"] = "desc" if column.order_by_alias.is_descending else "asc"
        headers.append(head)
    return headers


def _strip_base(year: int, month: int, form: DashboardFilter) -> str:
    """The query of the page without its status, for the strip's links (each adds its own status)."""
    query = QueryDict(mutable=True)
    query["year"], query["month"] = year, month
    for name in ("section", "office", "firmness", "kind"):
        value = form.cleaned_data.get(name)
        if value:
            query[name] = value
    return query.urlencode()


def _export_url(query: QueryDict, export_format: str) -> str:
    query = query.copy()
    query["export"] = export_format
    return f"?{query.urlencode()}"


def target_detail(request, pk):
    """A target's page; its body comes from the page cache while the data and the day are unchanged (an unknown
    target raises 404 while building, and nothing is cached)."""
    built = pagecache.body(request, "target", lambda: _target_body(request, pk), args=(pk,))
    return render(request, "targets/detail.html", built, status=built["status"])


def _target_body(request, pk) -> dict:
    target, previous = _target_and_previous(pk)
    month, month_error = _detail_month(request.GET.get("month", ""), target.year)
    stored = list(figures_of([target]).select_related("updated_by"))  # read once: the maths and the list
    loaded = load_figures([target], stored)[target.pk]
    registers = counting.read([target])  # once for the month, its history and the chart
    progress = evaluate_targets([target], month, loaded={target.pk: loaded}, registers=registers)[target.pk]
    history = status_history(target, loaded, month, registers)
    baseline = loaded.last_year_result  # read with the figures
    # A target counted from the register draws the register's count, month by month, not typed figures.
    counted = register_series(target, month, registers)
    drawn = loaded if counted is None else dataclasses.replace(loaded, figures=counted)
    chart = charts.target_chart(target, drawn, progress, baseline_label=baseline.label if baseline else "")
    figures = [f for f in stored if f.indicator_id == target.indicator_id and f.year == target.year]
    context = {
        "target": target,
        "baseline": baseline,
        "revisions": target.revisions.select_related("changed_by"),
        "panels": panels_for(request, target, registers),
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
        "year_over_year": year_over_year(target, baseline, loaded, progress, previous),
    }
    return {
        "body": render_to_string("targets/detail_body.html", context),
        "title": target.indicator.name,
        "status": 400 if month_error else 200,
        "charts": bool(context["chart"]),
    }


def _target_and_previous(pk) -> tuple[Target, Target | None]:
    """The target (404 if there is none) and the same indicator's target of the year before, in one query."""
    this = Target.objects.filter(pk=pk)
    found = list(
        Target.objects.select_related("indicator__office", "section").filter(
            Q(pk=pk)
            | Q(indicator_id=Subquery(this.values("indicator_id")), year=Subquery(this.values("year")) - 1)
        )
    )
    target = next((candidate for candidate in found if candidate.pk == pk), None)
    if target is None:
        raise Http404
    previous = next((candidate for candidate in found if candidate.pk != pk), None)
    return target, previous


def _detail_month(raw: str, year: int) -> tuple[int, str]:
    """The month asked for on a target's page, or the default with a message when it is not 1 to 12."""
    if not raw:
        return default_month(year), ""
    if raw.isdigit() and 1 <= int(raw) <= 12:
        return int(raw), ""
    return default_month(year), _("月份“%(value)s”无效，须为 1 到 12；已显示最新月份。") % {"value": raw[:20]}
