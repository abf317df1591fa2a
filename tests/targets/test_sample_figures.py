"""manage.py generate_sample_figures: plausible figures, always labelled sample, never over real entries."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from targets.models import Figure, FigureChange, Indicator, Target
from tests.factories import make_indicator, make_target

pytestmark = pytest.mark.django_db


@pytest.fixture
def targets(db):
    return {
        "amount": make_target(make_indicator("一般公共预算收入", unit="亿元"), value="1.46"),
        "growth": make_target(
            make_indicator("全社会固定资产投资"), value="8", kind=Target.Kind.GROWTH, unit="%"
        ),
        "share": make_target(
            make_indicator("高技术产业占比", unit="%", measure=Indicator.Measure.LEVEL),
            value="40",
            kind=Target.Kind.SHARE,
        ),
        "count": make_target(make_indicator("科创类项目", unit="个"), value="6", kind=Target.Kind.COUNT),
        "deadline": make_target(
            make_indicator("新开工超亿元产业项目", unit="个"),
            value="2",
            kind=Target.Kind.DEADLINE,
            deadline=date(2023, 3, 31),
        ),
        "recurring": make_target(
            make_indicator("镇级招聘活动", unit="次", measure=Indicator.Measure.MONTH),
            value="1",
            kind=Target.Kind.RECURRING,
            period=Target.Period.QUARTER,
        ),
        "milestone": make_target(
            make_indicator("正中桥危桥改造", unit="项"), value=None, kind=Target.Kind.MILESTONE
        ),
    }


def values(target, year=2023):
    return list(
        Figure.objects.filter(indicator=target.indicator, year=year)
        .order_by("month")
        .values_list("value", flat=True)
    )


def test_every_generated_figure_is_marked_sample_with_a_sample_change_record(targets):
    call_command("generate_sample_figures", "--year", "2023", "--through", "6", "--seed", "1")
    generated = Figure.objects.all()
    assert generated.exists()
    assert not generated.filter(is_sample=False).exists()
    assert set(generated.filter(year=2023).values_list("month", flat=True)) == {1, 2, 3, 4, 5, 6}
    assert FigureChange.objects.filter(source=FigureChange.Source.SAMPLE).count() == generated.count()


def test_year_to_date_totals_rise_towards_the_target_and_counts_are_whole(targets):
    call_command("generate_sample_figures", "--year", "2023", "--through", "6", "--seed", "7")
    revenue = values(targets["amount"])
    assert revenue == sorted(revenue)
    assert Decimal("0.4") < revenue[-1] < Decimal("1.1")  # about half of 1.46 by June
    for value in values(targets["count"]):
        assert value == value.to_integral_value()
    for level in values(targets["share"]):
        assert Decimal(30) < level < Decimal(50)


def test_growth_without_a_baseline_gets_last_years_same_months_too(targets):
    call_command("generate_sample_figures", "--year", "2023", "--through", "6", "--seed", "3")
    assert len(values(targets["growth"], year=2022)) == 6
    this, last = values(targets["growth"]), values(targets["growth"], year=2022)
    growth = this[-1] / last[-1] - 1
    assert Decimal("0.0") < growth < Decimal("0.2")


def test_a_growth_reported_as_a_rate_gets_rates_near_the_target_not_totals(targets):
    """地区生产总值增长5%以上, whose figures are the published growth rates: 3.5–6.5%, not totals read as 47%."""
    gdp = make_target(
        make_indicator("地区生产总值", unit="%"),
        value="5",
        kind=Target.Kind.GROWTH,
        unit="%",
        qualifier="以上",
    )
    call_command("generate_sample_figures", "--year", "2023", "--through", "6", "--seed", "3")
    rates = values(gdp)
    assert len(rates) == 6 and all(Decimal("3.5") <= rate <= Decimal("6.5") for rate in rates), rates
    assert not values(gdp, year=2022)


def test_the_same_seed_generates_the_same_figures(targets):
    call_command("generate_sample_figures", "--year", "2023", "--through", "6", "--seed", "5")
    first = values(targets["amount"])
    call_command("generate_sample_figures", "--clear")
    call_command("generate_sample_figures", "--year", "2023", "--through", "6", "--seed", "5")
    assert values(targets["amount"]) == first


def test_a_real_entry_is_never_overwritten_by_sample_data(targets):
    real = Figure.objects.create(
        indicator=targets["amount"].indicator, year=2023, month=3, value=Decimal("0.33")
    )
    call_command("generate_sample_figures", "--year", "2023", "--through", "6")
    real.refresh_from_db()
    assert real.value == Decimal("0.33") and not real.is_sample
    assert not real.changes.exists()


def test_clear_removes_only_sample_figures(targets):
    real = Figure.objects.create(
        indicator=targets["amount"].indicator, year=2023, month=3, value=Decimal("0.33")
    )
    call_command("generate_sample_figures", "--year", "2023", "--through", "6")
    assert Figure.objects.filter(is_sample=True).exists()
    call_command("generate_sample_figures", "--clear")
    assert list(Figure.objects.all()) == [real]


def test_behind_sample_months_carry_a_sample_reason_and_measures(targets):
    call_command("generate_sample_figures", "--year", "2023", "--through", "12", "--seed", "11")
    explained = Figure.objects.exclude(reason="")
    assert explained.exists()  # with this seed some months fall behind 序时
    for figure in explained:
        assert figure.reason.startswith("（示例）") and figure.measures.startswith("（示例）")


def test_a_year_without_targets_is_a_clear_error():
    with pytest.raises(CommandError, match="2030年没有目标"):
        call_command("generate_sample_figures", "--year", "2030")


def test_a_month_outside_the_year_is_a_clear_error(targets):
    with pytest.raises(CommandError, match="1 至 12"):
        call_command("generate_sample_figures", "--year", "2023", "--through", "13")
