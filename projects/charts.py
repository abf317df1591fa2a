"""The wall chart (挂图作战): a plotly Gantt of every project's time nodes, planned against actual. No HTTP here.

Each time node is a row: a wide pale bar for the plan (from the previous node's planned date, or the project's
start, to the node's planned date) and a narrow bar over it for what happened (to the actual date, or to today
while not done), coloured 已完成 green, 滞后 red, 按期 blue. A project without nodes is one row from its start to
its deadline. A dashed line marks today. Only bar and scatter traces and layout shapes are used: the basic
plotly.js bundle draws them. The figure is a plain dict for plotly.js (``targets.charts`` says why); the tests
read it through plotly.py to check it against plotly's schema.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from projects.models import Milestone, ProjectStatus
from targets.charts import figure_json

COLOURS = {
    "planned": "#cfd6de",
    Milestone.State.ON_TIME: "#1f6fb2",
    Milestone.State.SLIPPED: "#c62828",
    Milestone.State.DONE: "#1b7f3b",
}
DAY_MS = 24 * 3600 * 1000


@dataclass
class Row:
    """One line of the chart, also listed in the table under it."""

    project: object
    label: str
    start: date
    planned_end: date
    actual_end: date | None
    state: str

    @property
    def state_label(self) -> str:
        return str(dict(Milestone.State.choices)[self.state])

    @property
    def phone_label(self) -> str:
        """The label on a phone, where the full one would take the width from the bars: the project and the node
        on two short lines (the full label stays in the hover and in the table under the chart)."""
        project, _sep, node = self.label.partition(" · ")
        lines = [_cut(project), _cut(node)] if node else [_cut(project)]
        if getattr(self.project, "is_sample", False) and "示例" not in lines[0]:
            lines[0] = _("示例·%(name)s") % {"name": lines[0]}
        return "<br>".join(lines)

    @property
    def chart_label(self) -> str:
        """The bar's label on the chart (and in its hover): a sample project's says so."""
        if getattr(self.project, "is_sample", False):
            return _("%(name)s（示例数据）") % {"name": self.label}
        return self.label


PHONE_LABEL_CHARS = 9


def _cut(text: str) -> str:
    return text if len(text) <= PHONE_LABEL_CHARS else text[:PHONE_LABEL_CHARS] + "…"


def project_start(project) -> date:
    dates = [event.reached_on for event in project.stage_events.all()]
    return min(dates) if dates else project.created_at.date()


def gantt_rows(projects, today: date) -> list[Row]:
    """The chart's rows for ``projects`` (with ``stage_events`` and ``milestones`` prefetched)."""
    rows = []
    for project in projects:
        start = project_start(project)
        milestones = sorted(
            project.milestones.all(), key=lambda milestone: (milestone.planned_on, milestone.id)
        )
        if not milestones:
            if project.deadline:
                status = project.status(today)
                state = {
                    ProjectStatus.DONE: Milestone.State.DONE,
                    ProjectStatus.SLIPPED: Milestone.State.SLIPPED,
                }
                rows.append(
                    Row(
                        project=project,
                        label=project.name,
                        start=min(start, project.deadline),
                        planned_end=project.deadline,
                        actual_end=None if status != ProjectStatus.DONE else today,
                        state=state.get(status, Milestone.State.ON_TIME),
                    )
                )
            continue
        # The first node's bar starts at the project's first stage, or a nominal month before it is due.
        previous = min(start, milestones[0].planned_on - timedelta(days=30))
        for milestone in milestones:
            row_start = min(previous, milestone.planned_on)
            rows.append(
                Row(
                    project=project,
                    label=f"{project.name} · {milestone.name}",
                    start=row_start,
                    planned_end=milestone.planned_on,
                    actual_end=milestone.actual_on if milestone.is_done(today) else None,
                    state=milestone.state(today),
                )
            )
            previous = milestone.planned_on
    return rows


def _span_ms(start: date, end: date) -> int:
    # A node planned on its start day still gets a visible sliver of one day.
    return max((end - start).days, 1) * DAY_MS


def gantt_figure(rows: list[Row], today: date) -> dict:
    labels = [row.chart_label for row in rows]
    traces = [
        {
            "type": "bar",
            "name": _("计划"),
            "orientation": "h",
            "y": labels,
            "base": [row.start.isoformat() for row in rows],
            "x": [_span_ms(row.start, row.planned_end) for row in rows],
            "marker": {"color": COLOURS["planned"]},
            "width": 0.8,
            "customdata": [[row.start.isoformat(), row.planned_end.isoformat()] for row in rows],
            "hovertemplate": _("%{y}<br>计划：%{customdata[0]} 至 %{customdata[1]}") + "<extra></extra>",
        }
    ]
    for state, label in Milestone.State.choices:
        chosen = [row for row in rows if row.state == state]
        if not chosen:
            continue
        ends = [row.actual_end or max(today, row.start) for row in chosen]
        # A node done before its bar's nominal start still shows, from its actual date.
        starts = [min(row.start, end) for row, end in zip(chosen, ends, strict=True)]
        traces.append(
            {
                "type": "bar",
                "name": str(label),
                "orientation": "h",
                "y": [row.chart_label for row in chosen],
                "base": [start.isoformat() for start in starts],
                "x": [_span_ms(start, end) for start, end in zip(starts, ends, strict=True)],
                "marker": {"color": COLOURS[state]},
                "width": 0.4,
                "customdata": [
                    [
                        row.planned_end.isoformat(),
                        row.actual_end.isoformat() if row.actual_end else _("未完成"),
                    ]
                    for row in chosen
                ],
                "hovertemplate": "%{y}<br>"
                + _("计划完成：%{customdata[0]}<br>实际完成：%{customdata[1]}")
                + f"<br>{label}<extra></extra>",
            }
        )
    today_line = {
        "type": "line",
        "xref": "x",
        "yref": "paper",
        "x0": today.isoformat(),
        "x1": today.isoformat(),
        "y0": 0,
        "y1": 1,
        "line": {"color": "#b71c1c", "width": 2, "dash": "dash"},
    }
    # An empty line trace puts 今天 in the legend beside the colours, instead of a label over the bars.
    traces.append(
        {
            "type": "scatter",
            "name": _("今天"),
            "x": [None],
            "y": [None],
            "mode": "lines",
            "line": {"color": "#b71c1c", "width": 2, "dash": "dash"},
            "hoverinfo": "skip",
        }
    )
    first = min([row.start for row in rows] + [today]) - timedelta(days=7)
    last = max([row.planned_end for row in rows] + [row.actual_end or today for row in rows]) + timedelta(
        days=14
    )
    layout = {
        "barmode": "overlay",
        "height": max(240, 36 * len(rows) + 120),
        "margin": {"l": 10, "r": 30, "t": 50, "b": 40},
        "xaxis": {"type": "date", "range": [first.isoformat(), last.isoformat()], "tickformat": "%Y-%m-%d"},
        "yaxis": {"autorange": "reversed", "automargin": True},
        # On a phone (static/js/charts.js): short two-line labels, so the bars keep most of the width.
        "meta": {
            "phone": {
                "yaxis": {
                    "tickmode": "array",
                    "tickvals": labels,
                    "ticktext": [row.phone_label for row in rows],
                    "tickfont": {"size": 11},
                },
                # the legend would run off the narrow plot; the page's text above says what the colours mean
                "showlegend": False,
                "margin": {"t": 24},
            }
        },
        "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
        "shapes": [today_line],
        "plot_bgcolor": "#fff",
        "paper_bgcolor": "#fff",
    }
    return {"data": traces, "layout": layout}


def gantt_json(rows: list[Row], today: date) -> dict:
    """The chart with the page's plotly config, for ``json_script`` (drawn by ``static/js/charts.js``)."""
    return figure_json(gantt_figure(rows, today))
