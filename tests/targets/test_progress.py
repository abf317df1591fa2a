"""The progress engine against values computed by hand, for every kind of target, and its edge cases.

Each row: the target, its figures (month → value), the month asked about, and what a person with a calculator
finds: actual, completion (%), expected (序时, %), status, and where it applies the projection and the pace needed.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given, settings
from hypothesis import strategies as st

from targets import counting
from targets.models import Figure, Indicator, Result, Target
from targets.progress import (
    AHEAD_BAND,
    STATUS_URGENCY,
    Status,
    evaluate,
    evaluate_target,
    evaluate_targets,
    expected_share,
    load_figures,
    month_end,
    status_history,
)
from tests.factories import make_indicator, make_target

D = Decimal


def as_written(found, wanted):
    """The engine's exact number rounded as the hand-computed one is written (54.794… → 54.8 for 54.8)."""
    if isinstance(found, Decimal) and isinstance(wanted, Decimal):
        return found.quantize(wanted, rounding=ROUND_HALF_UP)
    return found


def target(kind="amount", value="10", *, measure="ytd", direction="higher", unit="亿元", **fields):
    """An unsaved target: ``evaluate`` is pure and needs no database."""
    indicator = Indicator(code="t", name="测试指标", unit=unit, measure=measure, direction=direction)
    return Target(
        indicator=indicator,
        year=2023,
        kind=kind,
        value=None if value is None else D(value),
        unit=unit,
        **fields,
    )


def figures(**by_month):
    return {int(m[1:]): D(str(v)) for m, v in by_month.items()}


PHASING = [5, 5, 5, 10, 10, 10, 10, 10, 10, 10, 10, 5]
Q1 = date(2023, 3, 31)

# (name, target, figures, month, extra evaluate kwargs, expected fields)
CASES = [
    # --- amount (累计量), year-to-date figures ---
    (
        "budget revenue 0.80 of 1.46 by June is 54.8%, 4.8 points ahead",
        target(value="1.46"),
        figures(m6="0.80"),
        6,
        {},
        {
            "actual": D("0.80"),
            "completion": D("54.8"),
            "expected": D("50.0"),
            "gap": D("4.8"),
            "status": Status.AHEAD,
            "projection": D("1.60"),
            "needed_per_month": D("0.11"),
        },
    ),
    (
        "3.1 of 12 by March is within the band: on schedule",
        target(value="12"),
        figures(m3="3.1"),
        3,
        {},
        {
            "completion": D("25.8"),
            "expected": D("25.0"),
            "gap": D("0.8"),
            "status": Status.ON,
            "projection": D("12.40"),
            "needed_per_month": D("0.99"),
        },
    ),
    (
        "30 of 65 by June is behind",
        target(value="65"),
        figures(m6="30"),
        6,
        {},
        {
            "completion": D("46.2"),
            "gap": D("-3.8"),
            "status": Status.BEHIND,
            "projection": D("60.00"),
            "needed_per_month": D("5.83"),
        },
    ),
    (
        "a target already exceeded in September is done",
        target(value="2"),
        figures(m9="2.1"),
        9,
        {},
        {"completion": D("105.0"), "status": Status.DONE, "needed_per_month": None},
    ),
    (
        "a year over short of the target is missed",
        target(value="65"),
        figures(m12="60"),
        12,
        {},
        {
            "completion": D("92.3"),
            "expected": D("100.0"),
            "gap": D("-7.7"),
            "status": Status.MISSED,
            "projection": D("60"),
        },
    ),
    (
        "a year over with the target reached is done",
        target(value="12"),
        figures(m12="12.5"),
        12,
        {},
        {"status": Status.DONE},
    ),
    (
        "figures that go down: the latest year-to-date figure counts",
        target(value="12"),
        figures(m5="5", m6="4.5"),
        6,
        {},
        {"actual": D("4.5"), "completion": D("37.5"), "status": Status.BEHIND},
    ),
    (
        "values of the month are added up",
        target(value="12", measure="month"),
        figures(m1="1", m2="1", m3="2"),
        3,
        {},
        {"actual": D("4"), "completion": D("33.3"), "gap": D("8.3"), "status": Status.AHEAD},
    ),
    (
        "a month not entered yet: judged against the month asked, the data month is shown",
        target(value="12"),
        figures(m3="3"),
        6,
        {},
        {
            "actual": D("3"),
            "completion": D("25.0"),
            "expected": D("50.0"),
            "status": Status.BEHIND,
            "data_month": 3,
        },
    ),
    (
        "no figure at all: no data, 序时 still given",
        target(value="12"),
        {},
        6,
        {},
        {"actual": None, "completion": None, "expected": D("50.0"), "status": Status.NONE},
    ),
    (
        "no figure in a year already over is still no data, not a failure",
        target(value="12"),
        {},
        12,
        {},
        {"status": Status.NONE},
    ),
    (
        "a monthly plan replaces N/12",
        target(value="12", phasing=PHASING),
        figures(m3="2"),
        3,
        {},
        {
            "expected": D("15"),
            "completion": D("16.7"),
            "gap": D("1.7"),
            "status": Status.ON,
            "projection": D("13.33"),
        },
    ),
    (
        "a goal of zero is reached by anything",
        target(value="0"),
        figures(m2="0"),
        2,
        {},
        {"status": Status.DONE},
    ),
    (
        "an amount target without a value is never called done",
        target(value=None),
        figures(m6="3"),
        6,
        {},
        {"status": Status.NONE, "actual": D("3"), "basis": "no-goal"},
    ),
    (
        "a recurring target without a value is no data, not an error",
        target("recurring", None, unit="次", measure="month", period="quarter"),
        figures(m2="1"),
        6,
        {},
        {"status": Status.NONE, "basis": "no-goal"},
    ),
    # --- amount, lower is better: a ceiling ---
    (
        "under a ceiling by more than the band is ahead",
        target(value="100", direction="lower"),
        figures(m6="45"),
        6,
        {},
        {"completion": D("45.0"), "gap": D("5.0"), "status": Status.AHEAD},
    ),
    (
        "over the pro-rata ceiling is behind",
        target(value="100", direction="lower"),
        figures(m6="52"),
        6,
        {},
        {"gap": D("-2.0"), "status": Status.BEHIND},
    ),
    (
        "a ceiling passed is missed at once",
        target(value="100", direction="lower"),
        figures(m6="101"),
        6,
        {},
        {"status": Status.MISSED},
    ),
    (
        "a ceiling kept to the year end is done",
        target(value="100", direction="lower"),
        figures(m12="99"),
        12,
        {},
        {"status": Status.DONE},
    ),
    # --- count ---
    (
        "1 of 3 projects by June is behind",
        target("count", "3", unit="个"),
        figures(m6="1"),
        6,
        {},
        {
            "completion": D("33.3"),
            "expected": D("50.0"),
            "status": Status.BEHIND,
            "needed_per_month": D("0.33"),
        },
    ),
    (
        "a count from the project register wins over typed figures",
        target("count", "3", unit="个"),
        {},
        6,
        {"counted": 2},
        {"actual": D("2"), "completion": D("66.7"), "gap": D("16.7"), "status": Status.AHEAD},
    ),
    # --- deadline ---
    (
        "1 of 2 by February of a first-quarter deadline is behind",
        target("deadline", "2", unit="个", deadline=Q1),
        figures(m2="1"),
        2,
        {},
        {
            "completion": D("50.0"),
            "expected": D("66.7"),
            "gap": D("-16.7"),
            "status": Status.BEHIND,
            "needed_per_month": D("1.00"),
        },
    ),
    (
        "short at the deadline month is missed",
        target("deadline", "2", unit="个", deadline=Q1),
        figures(m3="1"),
        3,
        {},
        {"expected": D("100"), "status": Status.MISSED},
    ),
    (
        "reached after the deadline is still missed, judged at the deadline",
        target("deadline", "2", unit="个", deadline=Q1),
        figures(m3="1", m5="2"),
        6,
        {},
        {"actual": D("1"), "status": Status.MISSED, "data_month": 3},
    ),
    (
        "reached by the deadline is done",
        target("deadline", "2", unit="个", deadline=Q1),
        figures(m3="2"),
        8,
        {},
        {"status": Status.DONE},
    ),
    # --- growth over the same period last year (累计同比) ---
    (
        "9.0% growth against 8% is on schedule",
        target("growth", "8", unit="亿元"),
        figures(m6="10.9"),
        6,
        {"last_year": figures(m6="10")},
        {
            "completion": D("9.0"),
            "expected": D("8"),
            "gap": D("1.0"),
            "status": Status.ON,
            "growth": D("9.0"),
            "projection": D("9.0"),
            "basis": "same-period",
        },
    ),
    (
        "12% growth against 8% is ahead",
        target("growth", "8"),
        figures(m6="11.2"),
        6,
        {"last_year": figures(m6="10")},
        {"completion": D("12.0"), "gap": D("4.0"), "status": Status.AHEAD},
    ),
    (
        "5% growth against 8% is behind",
        target("growth", "8"),
        figures(m6="10.5"),
        6,
        {"last_year": figures(m6="10")},
        {"gap": D("-3.0"), "status": Status.BEHIND},
    ),
    (
        "a year ending at 5.5% growth against 8% is missed",
        target("growth", "8"),
        figures(m12="27.0"),
        12,
        {"last_year": figures(m12="25.6")},
        {"completion": D("5.5"), "status": Status.MISSED},
    ),
    (
        "a decline target (下降3%) is met by falling 3.5%",
        target("growth", "3", direction="lower"),
        figures(m6="96.5"),
        6,
        {"last_year": figures(m6="100")},
        {"completion": D("-3.5"), "gap": D("0.5"), "status": Status.ON},
    ),
    # --- growth implied by the report's baseline ---
    (
        "8% over a 25.6 baseline means 27.648; 14 by June is on schedule",
        target("growth", "8"),
        figures(m6="14"),
        6,
        {"baseline": D("25.6")},
        {
            "goal": D("27.6480"),
            "completion": D("50.6"),
            "gap": D("0.6"),
            "status": Status.ON,
            "projection": D("28.00"),
            "needed_per_month": D("2.27"),
            "basis": "implied",
        },
    ),
    (
        "last year's figure of the same month is zero: the baseline is used",
        target("growth", "8"),
        figures(m6="14"),
        6,
        {"last_year": figures(m6="0"), "baseline": D("25.6")},
        {"basis": "implied", "status": Status.ON},
    ),
    (
        "last year known only to March is not the same period as June",
        target("growth", "8"),
        figures(m6="14"),
        6,
        {"last_year": figures(m3="6")},
        {"basis": "growth-no-base", "status": Status.NONE, "actual": D("14")},
    ),
    (
        "a zero baseline gives no growth to measure",
        target("growth", "8"),
        figures(m6="14"),
        6,
        {"baseline": D("0")},
        {"basis": "growth-no-base", "status": Status.NONE, "completion": None},
    ),
    (
        "a missing baseline gives no growth to measure",
        target("growth", "8"),
        figures(m6="14"),
        6,
        {},
        {"basis": "growth-no-base", "status": Status.NONE},
    ),
    (
        "values of the month need every month of last year for the same period",
        target("growth", "8", measure="month"),
        figures(m1="1", m2="1"),
        2,
        {"last_year": figures(m1="1")},
        {"basis": "growth-no-base"},
    ),
    (
        "growth figures typed as rates (unit %) are compared with the target rate",
        target("growth", "5", unit="%", measure="level"),
        figures(m6="5.8"),
        6,
        {},
        {"completion": D("5.8"), "gap": D("0.8"), "status": Status.ON, "basis": "reported-rate"},
    ),
    (
        "a reported rate 2.5 points above the target is ahead",
        target("growth", "5", unit="%", measure="level"),
        figures(m6="7.5"),
        6,
        {},
        {"status": Status.AHEAD},
    ),
    # --- share / rate, a level to reach ---
    (
        "a share of 41% against 40% is on schedule",
        target("share", "40", unit="%", measure="level"),
        figures(m6="41"),
        6,
        {},
        {"actual": D("41"), "completion": D("41"), "expected": D("40"), "gap": D("1"), "status": Status.ON},
    ),
    (
        "a share of 43% against 40% is ahead",
        target("share", "40", unit="%", measure="level"),
        figures(m6="43"),
        6,
        {},
        {"status": Status.AHEAD},
    ),
    (
        "a share of 38.5% against 40% is behind",
        target("share", "40", unit="%", measure="level"),
        figures(m6="38.5"),
        6,
        {},
        {"gap": D("-1.5"), "status": Status.BEHIND},
    ),
    (
        "a share at the target level at the year end is done",
        target("share", "40", unit="%", measure="level"),
        figures(m12="40"),
        12,
        {},
        {"status": Status.DONE},
    ),
    (
        "a share just under the target level at the year end is missed",
        target("share", "40", unit="%", measure="level"),
        figures(m12="39.9"),
        12,
        {},
        {"status": Status.MISSED},
    ),
    (
        "a lower-is-better rate under its cap is on schedule",
        target("share", "5", unit="%", measure="level", direction="lower"),
        figures(m6="4.5"),
        6,
        {},
        {"gap": D("0.5"), "status": Status.ON},
    ),
    (
        "a lower-is-better rate above its cap is behind",
        target("share", "5", unit="%", measure="level", direction="lower"),
        figures(m6="5.2"),
        6,
        {},
        {"gap": D("-0.2"), "status": Status.BEHIND},
    ),
    (
        "a share with no figure has no data and no 序时",
        target("share", "40", unit="%", measure="level"),
        {},
        6,
        {},
        {"status": Status.NONE, "expected": None},
    ),
    # --- recurring (每季度1次) ---
    (
        "two quarters met by May is ahead",
        target("recurring", "1", unit="次", measure="month", period="quarter"),
        figures(m2="1", m4="1"),
        5,
        {},
        {"actual": D("2"), "completion": D("50.0"), "expected": D("25.0"), "status": Status.AHEAD},
    ),
    (
        "the first quarter met by March is on schedule",
        target("recurring", "1", unit="次", measure="month", period="quarter"),
        figures(m3="1"),
        3,
        {},
        {"completion": D("25.0"), "expected": D("25.0"), "status": Status.ON},
    ),
    (
        "a quarter without the event is missed",
        target("recurring", "1", unit="次", measure="month", period="quarter"),
        figures(m2="1", m5="0"),
        7,
        {},
        {"status": Status.MISSED},
    ),
    (
        "a missed quarter stays missed to the year end",
        target("recurring", "1", unit="次", measure="month", period="quarter"),
        figures(m2="1", m5="0", m8="1", m11="1"),
        12,
        {},
        {"actual": D("3"), "completion": D("75.0"), "expected": D("100.0"), "status": Status.MISSED},
    ),
    (
        "every quarter met is done at the year end",
        target("recurring", "1", unit="次", measure="month", period="quarter"),
        figures(m1="1", m4="1", m7="1", m10="1"),
        12,
        {},
        {"status": Status.DONE},
    ),
    (
        "year-to-date counts of a monthly event: a flat month is missed",
        target("recurring", "1", unit="次", measure="ytd", period="month"),
        figures(m1="1", m2="2", m3="2"),
        3,
        {},
        {"status": Status.MISSED},
    ),
    (
        "a recurring target with no figure has no data",
        target("recurring", "1", unit="次", measure="month", period="quarter"),
        {},
        6,
        {},
        {"status": Status.NONE, "expected": D("50.0")},
    ),
    # --- milestone ---
    (
        "a milestone under way before its deadline has no 序时 to judge by and says it is under way",
        target("milestone", None, unit="", measure="level", deadline=date(2023, 10, 31)),
        figures(m6="0"),
        6,
        {},
        {"status": Status.NONE, "status_label": "正在推进", "is_under_way": True, "completion": D("0")},
    ),
    (
        "a milestone reported done is done",
        target("milestone", None, unit="", measure="level", deadline=date(2023, 10, 31)),
        figures(m6="0", m8="1"),
        8,
        {},
        {"status": Status.DONE, "completion": D("100")},
    ),
    (
        "a milestone not done by its deadline is missed",
        target("milestone", None, unit="", measure="level", deadline=date(2023, 10, 31)),
        figures(m10="0"),
        10,
        {},
        {"status": Status.MISSED},
    ),
    (
        "a milestone counted done by the register is done",
        target("milestone", None, unit="", measure="level"),
        {},
        4,
        {"counted": 1},
        {"status": Status.DONE},
    ),
    (
        "a milestone with no report has no data",
        target("milestone", None, unit="", measure="level"),
        {},
        12,
        {},
        {"status": Status.NONE},
    ),
]


@pytest.mark.parametrize(
    ("subject", "figures_", "month", "kwargs", "wanted"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_progress_matches_the_hand_computed_values(subject, figures_, month, kwargs, wanted):
    progress = evaluate(subject, figures_, month, **kwargs)
    found = {name: as_written(getattr(progress, name), wanted[name]) for name in wanted}
    assert found == wanted


@pytest.mark.parametrize(
    ("fields", "month", "share"),
    [
        ({}, 1, D("8.3")),
        ({}, 6, D("50.0")),
        ({}, 12, D("100.0")),
        ({"phasing": PHASING}, 4, D("25")),
        ({"deadline": Q1}, 1, D("33.3")),
        ({"deadline": Q1}, 3, D("100")),
        ({"deadline": Q1}, 11, D("100")),
    ],
)
def test_expected_share_follows_the_months_the_plan_or_the_deadline(fields, month, share):
    assert as_written(expected_share(target(**fields), month), share) == share


def test_every_status_has_a_chinese_label_and_an_urgency():
    assert {status.label for status in Status} == {
        "待评定",
        "超序时",
        "达序时",
        "欠序时",
        "已完成",
        "未完成",
        "暂无数据",
    }
    assert set(STATUS_URGENCY) == set(Status)
    assert STATUS_URGENCY[0] == Status.MISSED


def test_month_end_knows_february():
    assert month_end(2023, 2) == date(2023, 2, 28)
    assert month_end(2024, 2) == date(2024, 2, 29)


# --- properties ---

amounts = st.decimals(min_value=D("0.01"), max_value=D("1000"), places=2)


@settings(deadline=None)
@given(goal=amounts, month=st.integers(1, 12), actual=st.decimals(min_value=0, max_value=2000, places=2))
def test_an_amount_status_always_agrees_with_its_numbers(goal, month, actual):
    progress = evaluate(target(value=str(goal)), {month: actual}, month)
    assert abs(progress.completion - actual / goal * 100) <= D("0.05")
    if actual >= goal:
        assert progress.status == Status.DONE
    elif month == 12:
        assert progress.status == Status.MISSED
    elif progress.gap >= AHEAD_BAND:
        assert progress.status == Status.AHEAD
    elif progress.gap >= 0:
        assert progress.status == Status.ON
    else:
        assert progress.status == Status.BEHIND


@settings(deadline=None)
@given(goal=amounts, month=st.integers(1, 12), actual=amounts, more=amounts)
def test_more_done_never_makes_an_amount_look_worse(goal, month, actual, more):
    subject = target(value=str(goal))
    before = evaluate(subject, {month: actual}, month)
    after = evaluate(subject, {month: actual + more}, month)
    assert STATUS_URGENCY.index(after.status) >= STATUS_URGENCY.index(before.status)


@settings(deadline=None)
@given(
    done=st.lists(st.integers(0, 2), min_size=12, max_size=12),
    month=st.integers(1, 12),
)
def test_a_missed_period_stays_missed_for_the_rest_of_the_year(done, month):
    subject = target("recurring", "1", unit="次", measure="month", period="quarter")
    monthly = {m: D(count) for m, count in enumerate(done, start=1)}
    statuses = [evaluate(subject, monthly, m).status for m in range(1, 13)]
    first_missed = next((m for m, status in enumerate(statuses, start=1) if status == Status.MISSED), None)
    if first_missed is not None:
        assert all(status == Status.MISSED for status in statuses[first_missed - 1 :])


# --- with the database: loading figures ---


def add_figures(indicator, year, values, **fields):
    for month, value in values.items():
        Figure.objects.create(indicator=indicator, year=year, month=month, value=D(str(value)), **fields)


@pytest.mark.django_db
def test_a_revised_target_is_measured_against_its_current_value_and_keeps_the_original():
    subject = make_target(value="10")
    subject.value = D("12")
    subject.save()
    add_figures(subject.indicator, 2023, {6: 6})
    progress = evaluate_target(Target.objects.get(pk=subject.pk), 6)
    assert subject.original_value == D("10")
    assert (progress.completion, progress.status) == (D("50.0"), Status.ON)


@pytest.mark.django_db
def test_evaluate_targets_uses_last_years_figures_and_the_reports_baseline():
    growth = make_target(value="8", kind=Target.Kind.GROWTH)
    add_figures(growth.indicator, 2022, {6: 10})
    add_figures(growth.indicator, 2023, {6: "10.9"})
    implied = make_target(value="8", kind=Target.Kind.GROWTH)
    Result.objects.create(
        section=implied.section,
        year=2022,
        indicator=implied.indicator,
        name="x",
        value=D("25.6"),
        unit="亿元",
    )
    add_figures(implied.indicator, 2023, {6: 14})
    progress = evaluate_targets(Target.objects.all(), 6)
    assert (progress[growth.pk].basis, progress[growth.pk].completion) == ("same-period", D("9.0"))
    assert (progress[implied.pk].basis, progress[implied.pk].goal) == ("implied", D("27.6480"))


@pytest.mark.django_db
def test_progress_built_on_sample_figures_says_so():
    real = make_target()
    sample = make_target()
    add_figures(real.indicator, 2023, {3: 3})
    add_figures(sample.indicator, 2023, {3: 3}, is_sample=True)
    growth = make_target(value="8", kind=Target.Kind.GROWTH)
    add_figures(growth.indicator, 2022, {3: 2}, is_sample=True)
    add_figures(growth.indicator, 2023, {3: "2.2"})
    progress = evaluate_targets(Target.objects.all(), 6)
    assert not progress[real.pk].sample
    assert progress[sample.pk].sample
    assert progress[growth.pk].sample  # compared with last year's sample figure
    assert not evaluate_targets(Target.objects.all(), 2)[sample.pk].sample  # before the sample month


@pytest.mark.django_db
def test_the_number_of_queries_does_not_grow_with_the_number_of_figures():
    indicators = [make_indicator() for _ in range(3)]
    for indicator in indicators:
        make_target(indicator=indicator)
    add_figures(indicators[0], 2023, {1: 1})

    def count_queries():
        with CaptureQueriesContext(connection) as captured:
            evaluate_targets(Target.objects.all(), 12)
        return len(captured)

    few = count_queries()
    for indicator in indicators:
        add_figures(indicator, 2022, {m: m for m in range(1, 13)})
        add_figures(indicator, 2023, {m: m for m in range(2, 13)})
    assert count_queries() == few
    assert few <= 4  # targets, their indicators, figures, baselines


@pytest.mark.django_db
def test_status_history_gives_the_status_at_the_end_of_each_month():
    subject = make_target(value="12")
    add_figures(subject.indicator, 2023, {1: "1.5", 2: "1.8", 3: "3"})
    subject = Target.objects.select_related("indicator").get(pk=subject.pk)
    history = status_history(subject, load_figures([subject])[subject.pk], 4)
    # 1.5/12 = 12.5% vs 8.3%; 1.8/12 = 15% vs 16.7%; 3/12 = 25% vs 25%; April not entered: 25% vs 33.3%
    assert [p.status for p in history] == [Status.AHEAD, Status.BEHIND, Status.ON, Status.BEHIND]


@pytest.mark.django_db
def test_a_registered_register_is_asked_about_counted_kinds_only(monkeypatch):
    asked = []

    class Reading:
        """A register that counts 2 of everything and was kept in June (by anyone: the target has no office)."""

        def __init__(self, targets):
            pass

        def counts(self, until_by_target):
            asked.extend((Target.objects.get(pk=pk).kind, day) for pk, day in until_by_target.items())
            return dict.fromkeys(until_by_target, 2)

        def activity(self, office_ids, year):
            return {None: {6}}

        def works(self, until_by_target):
            return {}

    monkeypatch.setattr(counting, "_readers", [Reading])
    count = make_target(value="3", kind=Target.Kind.COUNT)
    amount = make_target(value="10")
    progress = evaluate_targets(Target.objects.all(), 6)
    assert (progress[count.pk].actual, as_written(progress[count.pk].completion, D("66.7"))) == (
        D("2"),
        D("66.7"),
    )
    assert progress[amount.pk].status == Status.NONE
    assert asked == [(Target.Kind.COUNT, date(2023, 6, 30))]
