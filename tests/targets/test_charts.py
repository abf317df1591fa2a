"""The plotly figures say in Chinese what they show, with units in the axis titles, and carry the page's config.

The charts are plain dicts for plotly.js; each is read back here through ``plotly.graph_objects.Figure``, which
refuses any property plotly's schema does not know, so a typo in a dict fails here rather than in the browser."""

from decimal import Decimal

import plotly.graph_objects as go
from django.utils import translation

from targets import charts
from targets.charts import CHART_CONFIG, figure_json, sparkline_points
from targets.models import Indicator, Section, Target
from targets.progress import TargetFigures, evaluate
from targets.tables import TargetRow

D = Decimal


def target(kind="amount", value="1.46", unit="亿元", measure="ytd", **fields):
    indicator = Indicator(code="c", name="一般公共预算收入", unit=unit, measure=measure)
    return Target(indicator=indicator, year=2023, kind=kind, value=D(value), unit=unit, pk=1, **fields)


def validated(spec: dict | None) -> go.Figure | None:
    """The dict as plotly.py reads it: a ValueError for anything outside plotly's schema."""
    assert spec is None or (isinstance(spec, dict) and set(spec) == {"data", "layout"})
    return None if spec is None else go.Figure(spec)


def target_chart(*args, **kwargs):
    return validated(charts.target_chart(*args, **kwargs))


def section_chart(*args, **kwargs):
    return validated(charts.section_chart(*args, **kwargs))


def test_a_property_plotly_does_not_know_is_caught():
    import pytest

    with pytest.raises(ValueError):
        validated({"data": [{"type": "bar", "colour": "red"}], "layout": {}})


def names(figure):
    return [trace.name for trace in figure.data]


def test_an_amount_chart_shows_actual_target_schedule_last_year_and_the_2022_result():
    subject = target()
    data = TargetFigures(
        figures={3: D("0.35"), 6: D("0.80")}, last_year={3: D("0.3"), 6: D("0.7")}, baseline=D("1.22")
    )
    progress = evaluate(subject, data.figures, 6, last_year=data.last_year, baseline=data.baseline)
    figure = target_chart(subject, data, progress, baseline_label="2022年实绩")
    assert names(figure) == ["全年目标", "序时进度", "上年同期", "2022年实绩", "累计完成"]
    schedule = figure.data[1]
    assert schedule.y[5] == 0.73  # 1.46 × 6/12
    assert figure.data[3].x == (12,) and figure.data[3].y == (1.22,)
    assert figure.layout.yaxis.title.text == "累计值（亿元）"
    assert figure.layout.xaxis.ticktext[0] == "1月"


def test_a_growth_chart_draws_the_path_the_target_rate_implies():
    subject = target("growth", "8", unit="%")
    subject.indicator.unit = "亿元"
    data = TargetFigures(figures={6: D("10.9")}, last_year={6: D("10"), 12: D("25")})
    progress = evaluate(subject, data.figures, 6, last_year=data.last_year)
    figure = target_chart(subject, data, progress)
    path = figure.data[names(figure).index("目标路径（上年同期×目标增速）")]
    assert list(path.y) == [10.8, 27.0]


def test_a_share_chart_shows_levels_against_the_target_level():
    subject = target("share", "40", unit="%", measure="level")
    data = TargetFigures(figures={3: D("38"), 6: D("41")})
    figure = target_chart(subject, data, evaluate(subject, data.figures, 6))
    assert names(figure) == ["目标水平", "月末水平"]
    assert figure.layout.yaxis.title.text == "水平（%）"


def test_a_count_of_a_few_is_ticked_on_whole_numbers():
    projects = target("count", "3", unit="个")
    data = TargetFigures(figures={3: D("1"), 6: D("2")})
    assert target_chart(projects, data, evaluate(projects, data.figures, 6)).layout.yaxis.dtick == 1
    fairs = target("recurring", "1", unit="次", period="quarter")
    data = TargetFigures(figures={3: D("1"), 4: D("2")})
    assert target_chart(fairs, data, evaluate(fairs, data.figures, 6)).layout.yaxis.dtick == 1
    households = target("count", "1500", unit="户")
    data = TargetFigures(figures={6: D("660")})
    assert target_chart(households, data, evaluate(households, data.figures, 6)).layout.yaxis.dtick is None
    revenue = target()
    data = TargetFigures(figures={6: D("0.80")})
    assert target_chart(revenue, data, evaluate(revenue, data.figures, 6)).layout.yaxis.dtick is None


def test_a_milestone_or_a_target_without_a_value_has_no_chart():
    subject = target("milestone", "1", unit="项", measure="level")
    assert target_chart(subject, TargetFigures(), evaluate(subject, {}, 6)) is None
    valueless = target("recurring", "1", unit="次", period="quarter")
    valueless.value = None
    data = TargetFigures(figures={2: D("1")})
    assert target_chart(valueless, data, evaluate(valueless, data.figures, 6)) is None


def test_the_section_chart_compares_completion_with_the_schedule_and_leaves_out_levels():
    section = Section(year=2023, number=0, title="主要预期目标")
    amount, share = target(section=section), target("share", "40", unit="%", measure="level", section=section)
    rows = [
        TargetRow(amount, evaluate(amount, {6: D("0.80")}, 6)),
        TargetRow(share, evaluate(share, {6: D("41")}, 6)),
    ]
    figure = section_chart("主要预期目标", rows)
    bars, schedule = figure.data
    assert (list(bars.x), list(schedule.x)) == ([54.8], [50.0])
    assert figure.layout.xaxis.title.text == "完成率（%）"
    assert figure.layout.xaxis.range[1] >= 100


def test_figure_json_carries_the_chinese_locale_and_no_plotly_logo():
    spec = figure_json(charts.section_chart("x", [TargetRow(target(), evaluate(target(), {6: D("1")}, 6))]))
    assert spec["config"] == CHART_CONFIG == {"locale": "zh-CN", "displaylogo": False, "responsive": True}
    assert figure_json(None) is None


def test_charts_on_english_pages_use_plotlys_english_labels():
    with translation.override("en"):
        spec = figure_json(
            charts.section_chart("x", [TargetRow(target(), evaluate(target(), {6: D("1")}, 6))])
        )
    assert spec["config"]["locale"] == "en"


def test_a_sparkline_needs_two_points():
    assert sparkline_points("ytd", {6: D("1")}, 6) == ""
    points = sparkline_points("ytd", {1: D("1"), 12: D("3")}, 12).split()
    assert points == ["2.0,30.0", "118.0,2.0"]
