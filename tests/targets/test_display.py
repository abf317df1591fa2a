"""How a progress figure reads (``targets.progress.display``): values as the report writes them, each number with
its unit, rounded only for display."""

from decimal import Decimal

import pytest

from targets.models import Indicator, Target
from targets.progress import display, evaluate

D = Decimal


def target(kind="amount", value="10", unit="亿元", *, indicator_unit=None, **fields):
    indicator = Indicator(code="t", name="测试指标", unit=indicator_unit or unit, measure="ytd")
    return Target(indicator=indicator, year=2023, kind=kind, value=D(value), unit=unit, **fields)


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "text"),
    [
        ("5", "%", "以上", "5%以上"),
        ("300", "个", "以上", "300个以上"),
        ("80", "%", "超", "超80%"),
        ("1500", "户", "约", "约1500户"),
        ("4000", "万元", "多", "4000多万元"),
        ("1000", "场", "余", "1000余场"),
        ("100", "名", "余", "100余名"),
        ("100", "万元", "突破", "突破100万元"),
        ("1.4600", "亿元", "", "1.46亿元"),
    ],
)
def test_a_value_reads_with_its_qualifier_where_the_report_puts_it(value, unit, qualifier, text):
    assert display.written(D(value), unit, qualifier) == text


def test_a_recurring_target_reads_with_its_period_and_firmness_is_only_ensure_or_strive():
    fairs = target("recurring", "1", "次", period=Target.Period.QUARTER)
    assert display.target_text(fairs) == "每季度1次"
    assert display.period_text(fairs) == "每季度"
    gdp = target("growth", "5", "%", qualifier="以上")
    assert display.target_text(gdp) == "5%以上"
    assert display.firmness_word(gdp) == ""
    assert display.firmness_word(target(firmness="确保")) == "确保"


def test_a_growth_target_gives_each_number_its_own_unit_and_says_what_it_is_compared_with():
    investment = target("growth", "8", "%", indicator_unit="亿元")
    progress = evaluate(investment, {5: D("10.5")}, 5, baseline=D("25.6"))
    reading = display.reading(investment, progress)
    assert reading.units() == {
        "actual_unit": "亿元",
        "goal_unit": "亿元",
        "completion_unit": "%",
        "expected_unit": "%",
        "gap_unit": "个百分点",
        "projection_unit": "亿元",
        "needed_per_month_unit": "亿元",
    }
    assert reading.goal_text == "27.65亿元"  # 25.6 × 1.08 = 27.648
    assert reading.compared_with == "27.65亿元"
    assert reading.expected_text == "41.7%（对照27.65亿元）"


def test_a_growth_target_compared_with_last_years_same_period_is_read_as_rates():
    investment = target("growth", "8", "%", indicator_unit="亿元")
    progress = evaluate(investment, {6: D("10.9")}, 6, last_year={6: D("10")})
    reading = display.reading(investment, progress)
    assert (reading.actual_unit, reading.goal_unit, reading.projection_unit) == ("亿元", "%", "%")
    assert reading.completion_text == "9%" and reading.expected_text == "增长8%"
    assert reading.gap_text == "+1个百分点"


def test_a_share_reads_its_level_against_the_target_level():
    share = target("share", "40", "%")
    reading = display.reading(share, evaluate(share, {6: D("38.5")}, 6))
    assert reading.expected_text == "40%" and reading.gap_text == "-1.5个百分点"
    assert reading.expected_label == "目标水平"


def test_the_projection_divides_by_the_exact_share_of_the_year_and_rounds_only_for_display():
    # 全社会固定资产投资 at May: 10.5 ÷ 5/12 = 25.20 (dividing by the rounded 41.7% gave 25.18)
    investment = target("growth", "8", "%", indicator_unit="亿元")
    progress = evaluate(investment, {5: D("10.5")}, 5, baseline=D("25.6"))
    assert progress.projection == D("25.2")
    assert display.reading(investment, progress).projection_text == "25.20亿元"
    # 新增规上服务业企业 4 by May: 4 ÷ 5/12 = 9.6 (not 9.59)
    enterprises = target("count", "8", "家")
    progress = evaluate(enterprises, {5: D("4")}, 5)
    assert display.reading(enterprises, progress).projection_text == "9.6家"
    assert display.reading(enterprises, progress).expected_text == "41.7%"
