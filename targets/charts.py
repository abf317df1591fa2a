"""Plotly figures of targets, as plain dicts plotly.js reads (``{"data": [...], "layout": {...}}``); no HTTP here.

plotly.py is not used on a request: building and validating a ``go.Figure`` cost more than the rest of the page.
``tests/targets/test_charts.py`` feeds every figure to ``plotly.graph_objects.Figure``, which checks it against
plotly's schema. The page embeds a figure's JSON (``figure_json``) in a ``<script type="application/json">`` and
``static/js/charts.js`` draws it with the vendored plotly.js basic bundle (scatter, bar), in Chinese
(``chart_config``), when its box scrolls into view. Decimals become floats only here, for drawing; every number a person reads in a table
stays a Decimal.

- ``target_chart``: one target over its year: the cumulative actual by month against the target line, the 序时
  line, last year's same-period values where known and last year's result (the 2022 baseline) marked; for a
  rate or level, the level by month against the target level; for a recurring target, the events of each month.
- ``section_chart``: the completion of every target of a section against its 序时, as horizontal bars.
- ``sparkline_points``: the few points of a card's trend as an inline SVG polyline (no JavaScript needed).
"""

from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from targets.models import Indicator, Target
from targets.progress import Progress, TargetFigures, expected_share

CHART_CONFIG = {"locale": "zh-CN", "displaylogo": False, "responsive": True}
MONTHS = list(range(1, 13))


def chart_config() -> dict:
    """``CHART_CONFIG`` in the reader's language: plotly's own labels (the mode bar's buttons) follow the page."""
    chinese = (get_language() or "zh-hans").startswith("zh")
    return {**CHART_CONFIG, "locale": "zh-CN" if chinese else "en"}


COLOURS = {"actual": "#b71c1c", "goal": "#1b7f3b", "expected": "#1f6fb2", "last": "#8a939d", "bar": "#1f6fb2"}
FONT = {"family": "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif", "size": 13}


def month_label(month: int) -> str:
    return _("%(month)s月") % {"month": month}


def cumulative(measure: str, figures: dict[int, Decimal]) -> dict[int, Decimal]:
    """Month → the year-to-date value: the figures themselves, or running sums of values of the month."""
    if measure != Indicator.Measure.MONTH:
        return dict(sorted(figures.items()))
    running = Decimal(0)
    result = {}
    for month in sorted(figures):
        running += figures[month]
        result[month] = running
    return result


def _layout(title: str, y_title: str, *, height: int = 420, **extra) -> dict:
    return {
        "title": {"text": title, "font": {"size": 15}},
        "font": FONT,
        "height": height,
        "margin": {"l": 56, "r": 16, "t": 48, "b": 110},
        "legend": {"orientation": "h", "x": 0, "y": -0.25, "yanchor": "top"},
        "xaxis": {
            "title": {"text": _("月份")},
            "tickmode": "array",
            "tickvals": MONTHS,
            "ticktext": [month_label(m) for m in MONTHS],
            "range": [0.5, 12.5],
        },
        "yaxis": {"title": {"text": y_title}, "rangemode": "tozero", "separatethousands": True},
        "hovermode": "x unified",
        "paper_bgcolor": "#fff",
        "plot_bgcolor": "#fff",
        **extra,
    }


def _line(name, points: dict[int, Decimal], colour, *, dash=None, mode="lines+markers") -> dict:
    return {
        "type": "scatter",
        "x": list(points),
        "y": [round(float(value), 4) for value in points.values()],
        "name": name,
        "mode": mode,
        "line": {"color": colour, "dash": dash} if dash else {"color": colour},
    }


def _figure(traces: list[dict], layout: dict) -> dict:
    return {"data": traces, "layout": layout}


def target_chart(
    target: Target, data: TargetFigures, progress: Progress, baseline_label: str = ""
) -> dict | None:
    """The target's year in one chart (see the module doc), or ``None`` for a milestone (no trend) or a target
    without a value (nothing to draw against)."""
    indicator = target.indicator
    unit = indicator.unit
    if target.kind == Target.Kind.MILESTONE or target.value is None:
        return None
    if target.kind == Target.Kind.RECURRING:
        return _whole_steps(_recurring_chart(target, data))
    if target.kind == Target.Kind.SHARE or progress.basis == "reported-rate":
        return _level_chart(target, data)
    this_year = cumulative(indicator.measure, data.figures)
    last_year = cumulative(indicator.measure, data.last_year)
    traces = []
    goal = progress.goal if progress.basis in {"amount", "implied"} else None
    if progress.basis == "same-period" and last_year:
        # The path a growth target implies: last year's same period grown by the target rate.
        rate = 1 + (target.value / 100) * (-1 if indicator.direction == Indicator.Direction.LOWER else 1)
        traces.append(
            _line(
                _("目标路径（上年同期×目标增速）"),
                {m: v * rate for m, v in last_year.items()},
                COLOURS["goal"],
                dash="dash",
                mode="lines",
            )
        )
    if goal is not None:
        traces.append(_line(_("全年目标"), {1: goal, 12: goal}, COLOURS["goal"], dash="dash", mode="lines"))
        traces.append(
            _line(
                _("序时进度"),
                {m: goal * expected_share(target, m) / 100 for m in MONTHS},
                COLOURS["expected"],
                dash="dot",
                mode="lines",
            )
        )
    if last_year:
        traces.append(_line(_("上年同期"), last_year, COLOURS["last"], dash="dashdot"))
    if data.baseline is not None:
        traces.append(
            {
                "type": "scatter",
                "x": [12],
                "y": [float(data.baseline)],
                "name": baseline_label or _("%(year)s年实绩") % {"year": target.year - 1},
                "mode": "markers+text",
                "text": [baseline_label or _("%(year)s年实绩") % {"year": target.year - 1}],
                "textposition": "top left",
                "marker": {"symbol": "diamond", "size": 11, "color": COLOURS["last"]},
            }
        )
    traces.append(_line(_("累计完成"), this_year, COLOURS["actual"]))
    title = _("%(name)s：1—12月累计") % {"name": indicator.name}
    figure = _figure(traces, _layout(title, _("累计值（%(unit)s）") % {"unit": unit}))
    return _whole_steps(figure) if target.kind == Target.Kind.COUNT else figure


def _whole_steps(figure: dict) -> dict:
    """A count of a few (个, 家, 次) is read on whole numbers: plotly would otherwise tick 0.2 of a project."""
    top = max((y for trace in figure["data"] for y in trace.get("y") or () if y is not None), default=0)
    if top <= 10:
        figure["layout"]["yaxis"].update(tick0=0, dtick=1)
    return figure


def _level_chart(target: Target, data: TargetFigures) -> dict:
    unit = target.unit or target.indicator.unit
    traces = []
    traces.append(
        _line(_("目标水平"), {1: target.value, 12: target.value}, COLOURS["goal"], dash="dash", mode="lines")
    )
    if data.last_year:
        traces.append(
            _line(_("上年同期"), dict(sorted(data.last_year.items())), COLOURS["last"], dash="dashdot")
        )
    traces.append(_line(_("月末水平"), dict(sorted(data.figures.items())), COLOURS["actual"]))
    title = _("%(name)s：各月水平") % {"name": target.indicator.name}
    return _figure(traces, _layout(title, _("水平（%(unit)s）") % {"unit": unit}))


def _recurring_chart(target: Target, data: TargetFigures) -> dict:
    unit = target.unit or target.indicator.unit
    figures = data.figures
    if target.indicator.measure == Indicator.Measure.YEAR_TO_DATE:
        previous = Decimal(0)
        monthly = {}
        for month in sorted(figures):
            monthly[month] = figures[month] - previous
            previous = figures[month]
    else:
        monthly = dict(sorted(figures.items()))
    bars = {
        "type": "bar",
        "x": list(monthly),
        "y": [float(v) for v in monthly.values()],
        "name": _("当月完成"),
        "width": 0.6,  # one month wide whatever the gaps between reported months
        "marker": {"color": COLOURS["bar"]},
    }
    title = _("%(name)s：每期须完成%(value)s%(unit)s") % {
        "name": target.indicator.name,
        "value": f"{target.value.normalize():f}",
        "unit": unit,
    }
    return _figure([bars], _layout(title, _("当月完成（%(unit)s）") % {"unit": unit}))


def section_chart(title: str, rows) -> dict | None:
    """Completion against 序时 for the targets of a section whose progress is a share of the year's goal."""
    shown = [
        row
        for row in rows
        if row.progress.is_percent_of_goal
        and row.progress.completion is not None
        and row.progress.expected is not None  # 待评定: nothing expected before the assessment
    ]
    if not shown:
        return None
    names = [row.target.indicator.name for row in shown]
    bars = {
        "type": "bar",
        "y": names,
        "x": [round(float(row.progress.completion), 1) for row in shown],
        "orientation": "h",
        "name": _("完成率"),
        "marker": {
            "color": [COLOURS["actual"] if row.progress.is_behind else COLOURS["goal"] for row in shown]
        },
        "text": [row.reading.completion_text for row in shown],
        "textposition": "auto",
    }
    schedule = {
        "type": "scatter",
        "y": names,
        "x": [round(float(row.progress.expected), 1) for row in shown],
        "mode": "markers",
        "name": _("序时进度"),
        "marker": {"symbol": "line-ns-open", "size": 22, "color": COLOURS["expected"], "line": {"width": 3}},
    }
    layout = _layout(title, "", height=max(240, 110 + 34 * len(shown)))
    # The whole year on the scale, so a short bar looks short; further when a target is exceeded.
    widest = max([Decimal(100)] + [row.progress.completion for row in shown])
    layout["xaxis"] = {
        "title": {"text": _("完成率（%）")},
        "range": [min(0, float(min(row.progress.completion for row in shown))), float(widest) * 1.05],
        "ticksuffix": "%",
    }
    layout["legend"] = {"orientation": "h", "x": 0, "y": -0.12, "yanchor": "top"}
    layout["yaxis"] = {"autorange": "reversed", "automargin": True}
    layout["hovermode"] = "closest"
    layout["margin"] = {"l": 8, "r": 16, "t": 48, "b": 90}
    return _figure([bars, schedule], layout)


def figure_json(figure: dict | None) -> dict | None:
    """A figure with the chart config the page passes to plotly, for ``json_script``."""
    if figure is None:
        return None
    return {"data": figure["data"], "layout": figure["layout"], "config": chart_config()}


def sparkline_points(measure: str, figures: dict[int, Decimal], month: int, width=120, height=32) -> str:
    """The ``points`` of an SVG polyline of the year-to-date values up to ``month`` (empty under two points)."""
    values = cumulative(measure, {m: v for m, v in figures.items() if m <= month})
    if len(values) < 2:
        return ""
    low, high = min(values.values()), max(values.values())
    span = (high - low) or Decimal(1)
    points = []
    for m, value in values.items():
        x = (m - 1) / 11 * (width - 4) + 2
        y = height - 2 - float((value - low) / span) * (height - 4)
        points.append(f"{x:.1f},{y:.1f}")
    return " ".join(points)
