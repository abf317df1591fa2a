"""The dashboard, assembled for one year and month: what the home page shows, with no request in sight.

``dashboard(year, month, filters)`` reads the year's targets and figures in a fixed number of queries, asks the
progress engine where each stands, gives each a light (``targets.lights``) and returns a ``Dashboard``:

- ``strip``: how many targets are in each status (超序时, 达序时, 欠序时, 未完成, …, 正在推进, 暂无数据), each a
  filter (``targets.progress.display.status_choices``, the briefing's groups too);
- ``alerts``: the 确保 targets that are behind or missed, as cards, most urgent first;
- ``rows``: every target that passes ``filters``, most urgent first (``TargetRow.urgency_key``);
- ``section_charts``: per section, completion against 序时 as plain dicts for plotly.js;
- ``ranking``: the offices ranked by the share of their targets on or ahead of 序时 and by on-time submission.

The view (``targets.views.pages.home``) only parses the query, calls this and renders; the monthly briefing
reads the same rows through ``targets.briefing``.
"""

from dataclasses import dataclass, field

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Subquery
from django.utils import timezone

from targets import charts, lights
from targets.filters import default_month, target_years
from targets.models import BoardSettings, Target
from targets.progress import display, load_figures
from targets.progress.loading import evaluate_targets
from targets.ranking import OfficeRank, rank_offices
from targets.tables import TargetRow

BOARD_FIELDS = ("red_gap", "ensure_behind_red", "issuer", "document_number")


@dataclass(frozen=True)
class StripItem:
    status: str
    label: str
    count: int
    active: bool


@dataclass
class Dashboard:
    year: int
    month: int
    rows: list[TargetRow] = field(default_factory=list)
    all_rows: list[TargetRow] = field(default_factory=list)
    strip: list[StripItem] = field(default_factory=list)
    alerts: list[dict] = field(default_factory=list)
    section_charts: list[dict] = field(default_factory=list)
    ranking: list[OfficeRank] = field(default_factory=list)

    @property
    def targets_exist(self) -> bool:
        return bool(self.all_rows)

    @property
    def has_figures(self) -> bool:
        return any(row.progress.data_month for row in self.all_rows)

    @property
    def shows_sample(self) -> bool:
        return any(row.progress.sample for row in self.rows) or any(
            a["row"].progress.sample for a in self.alerts
        )


def year_targets(year: int) -> list[Target]:
    return list(_of_year(year))


@dataclass
class YearRead:
    targets: list[Target]
    years: list[int]  # every year with targets
    board: BoardSettings


def read_year(year: int) -> YearRead:
    """The targets of ``year``, every year with targets and the board's settings (亮灯 thresholds, 公文 header) in
    one query: the two small reads ride along as subqueries PostgreSQL runs once (two more queries only when
    ``year`` has no targets)."""
    saved = BoardSettings.objects.filter(pk=1)
    targets = list(
        _of_year(year).annotate(
            every_year=ArraySubquery(Target.objects.order_by("year").values("year").distinct()),
            **{f"board_{name}": Subquery(saved.values(name)) for name in BOARD_FIELDS},
        )
    )
    if not targets:
        return YearRead([], target_years(), BoardSettings.current())
    first = targets[0]
    board = BoardSettings(pk=1)  # the defaults, until an admin saves the settings
    if first.board_red_gap is not None:
        for name in BOARD_FIELDS:
            setattr(board, name, getattr(first, f"board_{name}"))
    return YearRead(targets, first.every_year, board)


def _of_year(year: int):
    return (
        Target.objects.filter(year=year)
        .select_related("indicator__office", "indicator__leader", "section")
        .order_by("section__number", "order", "id")
    )


def latest_month(year: int, loaded: dict, today=None) -> int:
    """What ``targets.filters.default_month`` answers, from figures already read: the last month with a figure of
    the year's targets (up to this month in the current year), else this month (December of a past year)."""
    today = today or timezone.localdate()
    limit = today.month if year == today.year else 12
    months = [m for data in loaded.values() for m in data.figures if m <= limit]
    if months:
        return max(months)
    return today.month if year == today.year else 12


def evaluated_rows(
    year: int, month: int | None, targets=None, board=None, registers=None
) -> tuple[list[TargetRow], dict]:
    """Every target of ``year`` (or ``targets``, read by ``year_targets``) with its progress at the end of
    ``month`` and its light (thresholds from ``board``, the ``BoardSettings``, read if not given), in the
    report's order; with the figures read (keyed by target id). ``registers``: ``targets.counting.read``'s
    answer for these targets, if the caller needs it too."""
    targets = year_targets(year) if targets is None else targets
    if not targets:
        return [], {}
    loaded = load_figures(targets)
    if month is None:
        month = latest_month(year, loaded)
    progress = evaluate_targets(targets, month, loaded=loaded, registers=registers)
    limits = lights.thresholds(board)
    rows = []
    for target in targets:
        row = TargetRow(target, progress[target.pk], loaded[target.pk].last_year_result)
        row.light = lights.light(row.progress, row.is_ensure, limits)
        rows.append(row)
    return rows, loaded


def dashboard(
    year: int,
    month: int | None,
    filters: dict | None = None,
    *,
    targets=None,
    board=None,
    charts_wanted: bool = True,
) -> Dashboard:
    """The dashboard of ``year`` as of the end of ``month`` (``None``: the latest month with figures, found in
    the figures read anyway); ``filters`` are a ``DashboardFilter``'s cleaned data; ``targets`` the year's targets
    and ``board`` the ``BoardSettings`` if already read (``read_year``)."""
    filters = filters or {}
    in_report_order, loaded = evaluated_rows(year, month, targets, board=board)
    if month is None:
        month = latest_month(year, loaded) if loaded else default_month(year)
    board = Dashboard(year=year, month=month, all_rows=in_report_order)
    if not in_report_order:
        return board
    by_urgency = sorted(in_report_order, key=lambda row: row.urgency_key)
    board.rows = apply_filters(by_urgency, filters)
    counts: dict[str, int] = {}
    for row in in_report_order:
        key = display.status_key(row.progress)
        counts[key] = counts.get(key, 0) + 1
    chosen = filters.get("status") or ""
    board.strip = [
        StripItem(status=key, label=str(label), count=counts.get(key, 0), active=chosen == key)
        for key, label in display.status_choices()
    ]
    board.alerts = [
        {
            "row": row,
            "sparkline": charts.sparkline_points(
                row.target.indicator.measure, loaded[row.target.pk].figures, month
            ),
        }
        for row in by_urgency
        if row.is_ensure and row.progress.is_behind
    ]
    if charts_wanted:
        board.section_charts = section_charts(board.rows)
    board.ranking = rank_offices(in_report_order, year, month).offices
    return board


def section_charts(rows: list[TargetRow]) -> list[dict]:
    by_section: dict = {}
    for row in sorted(rows, key=lambda row: row.section_key):
        by_section.setdefault(row.target.section, []).append(row)
    shown = []
    for section, section_rows in by_section.items():
        chart = charts.figure_json(charts.section_chart(section.title, section_rows))
        if chart:
            shown.append({"id": f"section-chart-{section.pk}", "title": section.title, "chart": chart})
    return shown


def apply_filters(rows: list[TargetRow], data: dict) -> list[TargetRow]:
    """The rows that pass the chosen section, office, status, firmness and kind."""
    if data.get("section"):
        rows = [row for row in rows if row.target.section_id == data["section"]]
    if data.get("office"):
        rows = [row for row in rows if row.target.indicator.office_id == data["office"]]
    if data.get("status"):
        rows = [row for row in rows if display.status_key(row.progress) == data["status"]]
    if data.get("firmness"):
        wanted = "" if data["firmness"] == "-" else data["firmness"]
        rows = [row for row in rows if row.target.firmness == wanted]
    if data.get("kind"):
        rows = [row for row in rows if row.target.kind == data["kind"]]
    return rows
