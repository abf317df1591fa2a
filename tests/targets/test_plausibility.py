"""Plausibility of a typed figure, as DHIS2 checks it: spaces inside a number, fractions of a count, a value
far beyond the year's target or last year's total, a jump beyond the indicator's history, a share over 100%."""

from decimal import Decimal

import pytest

from targets.entry import services
from targets.entry.checks import Entry, check_entry, increments
from targets.entry.rows import month_rows
from targets.models import Figure, FigureChange, Indicator, Target
from targets.parsing import FigureError, parse_figure
from tests.factories import make_figure, make_indicator, make_target
from tests.targets.entry_setup import build_town
from tests.targets.test_entry_views import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    return build_town()


def checked(town, indicator, text, month=6, **entry):
    rows = {row.indicator.pk: row for row in month_rows(town.office, 2023, month)}
    return check_entry(rows[indicator.pk], Entry(indicator.pk, text, **entry))


def save(town, *entries, month=6):
    return services.save_month(
        town.office,
        2023,
        month,
        list(entries),
        town.staff,
        source=FigureChange.Source.FORM,
        expected_version=None,
    )


@pytest.mark.parametrize("text", ["1 2 3", "12 3", "1 234", "0.8 5亿", "１２　３"])
def test_a_number_with_spaces_inside_is_refused_not_joined(text):
    with pytest.raises(FigureError) as refused:
        parse_figure(text, "户")
    assert "数字中间有空格" in refused.value.messages[0]


@pytest.mark.parametrize(("text", "value"), [(" 12 ", "12"), ("0.8 亿", "80000000"), ("55 %", "55")])
def test_spaces_around_the_number_and_its_unit_are_still_fine(text, value):
    assert parse_figure(text, "%" if "%" in text else "户") == Decimal(value)


@pytest.mark.parametrize("unit", ["个", "家", "户", "条", "次", "场", "名", "人", "所", "座", "项"])
def test_a_count_unit_takes_whole_numbers_only(unit):
    with pytest.raises(FigureError) as refused:
        parse_figure("2.5", unit)
    assert "计数单位，只能填整数" in refused.value.messages[0]
    assert parse_figure("3", unit) == 3
    assert parse_figure("1.2万", unit) == 12000  # whole once converted


def test_a_scaled_count_unit_may_have_decimals():
    assert parse_figure("2.5", "万户") == Decimal("2.5")


def test_a_fraction_of_households_is_refused_by_the_form_and_nothing_is_saved(town):
    outcome = save(town, Entry(town.households.pk, "1400.5"), Entry(town.revenue.pk, "0.8"))
    assert not outcome.saved and not Figure.objects.exists()
    assert "计数单位" in outcome.by_indicator()[town.households.pk].errors[0]


def test_spaces_inside_a_figure_are_refused_by_the_form(town):
    outcome = save(town, Entry(town.households.pk, "1 400"))
    assert not outcome.saved and "数字中间有空格" in outcome.by_indicator()[town.households.pk].errors[0]


def test_a_hundred_million_firms_against_a_target_of_one_needs_confirming_with_a_note(town):
    firms = make_indicator("10亿元企业", unit="家", office=town.office, code="firms")
    make_target(firms, value="1", kind=Target.Kind.COUNT)
    result = checked(town, firms, "1.05亿")
    assert result.warnings and "超过年度目标（1家）的 10 倍" in result.warnings[0]
    assert result.needs_confirmation
    # Confirmed without a note: still refused. With a note: saved.
    no_note = save(town, Entry(firms.pk, "1.05亿", confirm=True))
    assert not no_note.saved and "请在备注中说明" in no_note.by_indicator()[firms.pk].errors[0]
    with_note = save(town, Entry(firms.pk, "1.05亿", confirm=True, note="统计口径含关联企业"))
    assert with_note.saved and Figure.objects.get(indicator=firms).value == 105000000


def test_a_value_beyond_ten_times_last_years_total_is_a_warning(town):
    indicator = make_indicator("无目标指标", unit="万元", office=town.office, code="no-target")
    for month in range(1, 13):
        make_figure(indicator, month, str(10 * month), year=2022)  # last year's total: 120万元
    assert not [w for w in checked(town, indicator, "1000").warnings if "倍，请核对单位" in w]
    warned = checked(town, indicator, "1300")
    assert any("超过上年全年（120万元）的 10 倍" in warning for warning in warned.warnings)


def test_the_factor_is_per_indicator(town):
    town.revenue.scale_factor = Decimal(20)
    town.revenue.save()
    assert not any("倍，请核对单位" in w for w in checked(town, town.revenue, "20").warnings)
    town.revenue.scale_factor = Decimal(5)
    town.revenue.save()
    assert any("超过年度目标" in w for w in checked(town, town.revenue, "8").warnings)


def households_history(town, this_year_through=5):
    for month in range(1, 13):
        make_figure(town.households, month, str(100 * month + (5 if month % 2 else 0)), year=2022)
    for month in range(1, this_year_through + 1):
        make_figure(town.households, month, str(110 * month))


def test_a_month_on_month_jump_beyond_the_history_needs_confirming_with_a_note(town):
    households_history(town)
    assert not [w for w in checked(town, town.households, "660").warnings if "标准差" in w]  # +110: usual
    jump = checked(town, town.households, "2550")  # +2000 in a month
    assert any("远超以往各月" in w for w in jump.warnings) and jump.note_needed
    refused = save(town, Entry(town.households.pk, "2550", confirm=True))
    assert not refused.saved
    assert save(town, Entry(town.households.pk, "2550", confirm=True, note="集中注册")).saved


def test_no_jump_check_without_enough_history(town):
    make_figure(town.households, 1, "100")
    make_figure(town.households, 2, "210")
    assert not [w for w in checked(town, town.households, "1000", month=3).warnings if "标准差" in w]


def test_the_jump_threshold_is_per_indicator(town):
    households_history(town)
    town.households.jump_z = Decimal(400)  # the jump is about 300 standard deviations
    town.households.save()
    assert not [w for w in checked(town, town.households, "2550").warnings if "标准差" in w]


def test_increments_follow_the_indicators_measure():
    figures = {1: Decimal(10), 2: Decimal(25), 4: Decimal(50)}
    assert increments(figures, Indicator.Measure.YEAR_TO_DATE) == [10, 15]
    assert increments(figures, Indicator.Measure.MONTH) == [10, 25, 50]
    assert increments(figures, Indicator.Measure.LEVEL) == [15]


def test_a_share_above_100_percent_is_an_error_unless_the_indicator_allows_it(town):
    assert "占比不能超过 100%" in checked(town, town.share, "250").errors[0]
    assert not save(town, Entry(town.share.pk, "250", confirm=True, note="x")).saved
    assert not checked(town, town.share, "100").errors
    town.share.allows_over_100 = True
    town.share.save()
    assert not checked(town, town.share, "250").errors


def test_a_growth_rate_in_percent_may_exceed_100(town):
    growth = make_indicator("规上工业产值增速", unit="%", office=town.office, code="growth")
    make_target(growth, value="8", kind=Target.Kind.GROWTH)
    assert not checked(town, growth, "120").errors


def test_admins_set_the_thresholds_in_the_admin(town):
    page = (
        client_for(town.admin).get(f"/admin/targets/indicator/{town.households.pk}/change/").content.decode()
    )
    for label in ("数量级核对倍数", "环比跳变阈值（标准差倍数）", "跳变检查所需历史月数", "允许超过100%"):
        assert label in page
