"""save_month, the checks and the workflow: the rules every way of entering a month goes through."""

from dataclasses import replace
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from targets.entry import loaded as loaded_fields
from targets.entry import services, workflow
from targets.entry.checks import Entry
from targets.entry.rows import month_rows, today
from targets.models import Figure, FigureChange, OfficeMonth, OfficeMonthEvent
from targets.parsing import parse_figure
from tests.factories import make_figure
from tests.targets.entry_setup import build_town

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    return build_town()


def entries(town, revenue="0.8", households="1400", share="41", extra=None):
    extra = extra or {}
    return [
        Entry(town.revenue.pk, revenue, **extra.get("revenue", {})),
        Entry(town.households.pk, households, **extra.get("households", {})),
        Entry(town.share.pk, share, **extra.get("share", {})),
    ]


def save(town, values, user=None, month=6, version=0, **options):
    options.setdefault("source", FigureChange.Source.FORM)
    return services.save_month(
        town.office, 2023, month, values, user or town.staff, expected_version=version, **options
    )


def stored(town, month=6):
    return dict(Figure.objects.filter(year=2023, month=month).values_list("indicator__code", "value"))


def test_a_month_is_saved_whole_with_a_change_record_per_value(town):
    outcome = save(town, entries(town, revenue="0.8亿"))
    assert outcome.saved and outcome.changed == 3
    assert stored(town) == {"revenue": Decimal("0.8"), "households": Decimal(1400), "share": Decimal(41)}
    assert FigureChange.objects.filter(source="form", changed_by=town.staff).count() == 3
    month = OfficeMonth.objects.get(office=town.office, year=2023, month=6)
    assert month.state == OfficeMonth.State.DRAFT and month.version == 1
    assert list(month.events.values_list("action", flat=True)) == [OfficeMonthEvent.Action.SAVE]


def test_one_bad_value_saves_nothing_of_the_month(town):
    outcome = save(town, entries(town, share="很多"))
    assert not outcome.saved
    assert "不是数字" in outcome.by_indicator()[town.share.pk].errors[0]
    assert stored(town) == {}
    assert not OfficeMonth.objects.exists()  # no empty draft left behind


def test_a_negative_value_is_refused(town):
    outcome = save(town, entries(town, households="-5"))
    assert outcome.by_indicator()[town.households.pk].errors == ["数值不能为负数。"]
    assert stored(town) == {}


def test_negative_zero_is_stored_as_zero(town):
    save(town, entries(town, households="-0"))
    assert str(Figure.objects.get(indicator=town.households).value) == "0.0000"


def test_ytd_below_last_month_needs_a_confirmed_reason(town):
    make_figure(town.revenue, 5, "0.7")
    outcome = save(town, entries(town, revenue="0.6"))
    assert "小于上月累计" in outcome.by_indicator()[town.revenue.pk].errors[0]
    confirmed_without_note = save(town, entries(town, revenue="0.6", extra={"revenue": {"confirm": True}}))
    assert not confirmed_without_note.saved
    explained = {"note": "退库0.1亿元", "confirm": True}
    outcome = save(town, entries(town, revenue="0.6", extra={"revenue": explained}))
    assert outcome.saved
    assert FigureChange.objects.get(figure__indicator=town.revenue).comment == "已确认累计调减"


def test_a_value_far_outside_last_month_and_last_year_needs_a_confirmation(town):
    make_figure(town.households, 5, "1200")
    make_figure(town.households, 6, "1300", year=2022)
    outcome = save(town, entries(town, households="140000"))
    checked = outcome.by_indicator()[town.households.pk]
    assert not outcome.saved and checked.needs_confirmation
    assert "远超出" in checked.warnings[0]
    # 140000 is also over 10× the year's target (2500): confirming it needs a note saying why.
    confirmed = [
        *entries(town)[:1],
        Entry(town.households.pk, "140000", confirm=True, note="集中登记"),
        *entries(town)[2:],
    ]
    assert save(town, confirmed).saved


def test_a_future_month_is_refused(town):
    now = today()
    year, month = (now.year + 1, 1) if now.month == 12 else (now.year, now.month + 1)
    outcome = services.save_month(
        town.office, year, month, entries(town), town.staff, source="form", expected_version=0
    )
    assert "未来" in outcome.errors[0] and not outcome.saved


@pytest.mark.parametrize(("year", "month"), [(2019, 6), (2023, 13), (2023, 0)])
def test_a_month_outside_the_entry_years_is_refused(town, year, month):
    outcome = services.save_month(
        town.office, year, month, entries(town), town.staff, source="form", expected_version=0
    )
    assert "只能填报" in outcome.errors[0]
    assert not Figure.objects.exists()


def test_another_offices_indicator_is_forbidden_and_nothing_is_saved(town):
    with pytest.raises(PermissionDenied):
        save(town, [*entries(town), Entry(town.foreign.pk, "5")])
    assert not Figure.objects.exists()


@pytest.mark.parametrize("who", ["leader", "other_staff"])
def test_only_the_offices_staff_and_admins_may_save_it(town, who):
    with pytest.raises(PermissionDenied):
        save(town, entries(town), user=getattr(town, who))
    assert save(town, entries(town), user=town.admin).saved


def opened(town, month=6):
    """What a page opened now shows: per indicator, the row as stored (the editor's loaded content)."""
    rows = month_rows(town.office, 2023, month)
    return {row.indicator.pk: services.stored_entry(row) for row in rows}, current_version(town, month)


def current_version(town, month=6):
    office_month = OfficeMonth.objects.filter(office=town.office, year=2023, month=month).first()
    return office_month.version if office_month else 0


def edit(page, indicator, text=None, **texts):
    """The page with ``indicator``'s row retyped (value and/or texts); the other rows as they were."""
    entries, version = page
    result = {}
    for pk, entry in entries.items():
        if pk == indicator.pk:
            entry = replace(entry, text=entry.text if text is None else text, confirm=False, **texts)
        result[pk] = entry
    return result, version


def save_page(town, page, user=None, **options):
    entries, version = page
    return save(town, list(entries.values()), user=user, version=version, **options)


def test_a_row_its_editor_did_not_change_keeps_a_colleagues_newer_value(town):
    save(town, entries(town, revenue="0.75"))
    colleague, mine = opened(town), opened(town)
    assert save_page(town, edit(colleague, town.revenue, "0.76")).saved
    outcome = save_page(town, edit(mine, town.households, "1500"))  # the older page; revenue untouched
    assert outcome.saved and not outcome.conflicts
    assert stored(town)["revenue"] == Decimal("0.76") and stored(town)["households"] == Decimal(1500)
    assert outcome.kept == [town.revenue]
    assert list(
        FigureChange.objects.filter(figure__indicator=town.revenue).values_list("new_value", flat=True)
    ) == [
        Decimal("0.76"),
        Decimal("0.75"),
    ]


def test_both_changing_a_row_is_a_conflict_listing_only_that_row(town):
    save(town, entries(town, revenue="0.75"))
    colleague, mine = opened(town), opened(town)
    save_page(town, edit(colleague, town.revenue, "0.76"), user=town.admin)
    typed = edit(edit(mine, town.revenue, "0.8"), town.households, "1500")  # households: only mine
    outcome = save_page(town, typed)
    assert outcome.conflict and not outcome.saved
    (conflict,) = outcome.conflicts
    assert (conflict.indicator, conflict.field) == (town.revenue, "value")
    assert (conflict.loaded, conflict.typed, conflict.now) == ("0.75", "0.8", "0.76")
    assert conflict.by == town.admin and conflict.at is not None
    assert stored(town) == {"revenue": Decimal("0.76"), "households": Decimal(1400), "share": Decimal(41)}


def test_saving_again_after_the_conflict_overwrites_only_what_the_editor_insists_on(town):
    save(town, entries(town, revenue="0.75"))
    colleague, mine = opened(town), opened(town)
    save_page(town, edit(edit(colleague, town.revenue, "0.76"), town.share, "42"), user=town.admin)
    first = save_page(town, edit(mine, town.revenue, "0.8"))
    assert first.conflict
    again = save_page(town, (first.rebased(), first.version))
    assert again.saved and again.changed == 1
    assert stored(town) == {"revenue": Decimal("0.8"), "households": Decimal(1400), "share": Decimal(42)}
    change = FigureChange.objects.filter(figure__indicator=town.revenue).first()
    assert (change.changed_by, change.old_value, change.new_value) == (
        town.staff,
        Decimal("0.76"),
        Decimal("0.8"),
    )


def test_taking_the_colleagues_value_after_a_conflict_writes_nothing(town):
    save(town, entries(town, revenue="0.75"))
    colleague, mine = opened(town), opened(town)
    save_page(town, edit(colleague, town.revenue, "0.76"), user=town.admin)
    first = save_page(town, edit(mine, town.revenue, "0.8"))
    page = first.rebased()
    page[town.revenue.pk].text = "0.76"
    again = save_page(town, (page, first.version))
    assert again.saved and again.changed == 0
    assert stored(town)["revenue"] == Decimal("0.76")


def test_a_text_its_editor_did_not_change_never_overwrites_a_colleagues_newer_text(town):
    save(town, entries(town, households="1000"))
    colleague, mine = opened(town), opened(town)
    save_page(town, edit(colleague, town.households, reason="项目延期"), user=town.admin)
    outcome = save_page(town, edit(mine, town.households, "1100", measures="加快推进"))
    assert outcome.saved
    figure = Figure.objects.get(indicator=town.households)
    assert (figure.value, figure.reason, figure.measures) == (Decimal(1100), "项目延期", "加快推进")


def test_both_changing_a_text_is_a_conflict_on_that_text(town):
    save(town, entries(town, households="1000"))
    colleague, mine = opened(town), opened(town)
    save_page(town, edit(colleague, town.households, reason="项目延期"), user=town.admin)
    outcome = save_page(town, edit(mine, town.households, reason="资金未到位"))
    (conflict,) = outcome.conflicts
    assert (conflict.field, conflict.loaded, conflict.typed, conflict.now) == (
        "reason",
        "",
        "资金未到位",
        "项目延期",
    )


def test_the_same_change_made_by_both_is_not_a_conflict(town):
    save(town, entries(town, revenue="0.75"))
    colleague, mine = opened(town), opened(town)
    save_page(town, edit(colleague, town.revenue, "0.76"), user=town.admin)
    outcome = save_page(town, edit(mine, town.revenue, "7600万"))
    assert outcome.saved and outcome.changed == 0


def test_without_what_was_loaded_a_stale_month_shows_every_difference_as_a_conflict(town):
    save(town, entries(town))  # version 1
    save(town, entries(town, revenue="0.85"), version=1)  # someone else: version 2
    outcome = save(town, entries(town, revenue="0.9"), version=1)  # no loaded content: unknown
    assert outcome.conflict and not outcome.saved
    (conflict,) = outcome.conflicts
    assert (conflict.indicator, conflict.loaded, conflict.typed, conflict.now) == (
        town.revenue,
        None,
        "0.9",
        "0.85",
    )
    assert stored(town)["revenue"] == Decimal("0.85")
    assert save(town, entries(town, revenue="0.9"), version=2).saved  # against today's version: knowingly


def test_submitting_a_month_others_changed_since_it_was_opened_waits_until_it_is_seen(town):
    save(town, entries(town))
    colleague, mine = opened(town), opened(town)
    save_page(town, edit(colleague, town.share, "42"), user=town.admin)
    outcome = save_page(town, edit(mine, town.households, "1500"), submit=True)
    assert outcome.conflict and not outcome.conflicts and not outcome.submitted
    assert outcome.kept == [town.share]
    again = save_page(town, (outcome.rebased(), outcome.version), submit=True)
    assert again.submitted
    assert stored(town) == {"revenue": Decimal("0.8"), "households": Decimal(1500), "share": Decimal(42)}


def test_sending_the_same_month_twice_is_not_a_conflict(town):
    first = save(town, entries(town))
    again = save(town, entries(town), version=0)
    assert first.saved and again.saved and again.changed == 0
    assert FigureChange.objects.count() == 3


def test_clearing_a_stored_value_is_refused(town):
    save(town, entries(town))
    outcome = save(town, entries(town, share=""), version=1)
    assert "不能清空" in outcome.by_indicator()[town.share.pk].errors[0]


def test_notes_keep_html_as_typed(town):
    note = "<script>alert('x')</script>"
    save(town, [Entry(town.revenue.pk, "0.8", note=note)])
    assert Figure.objects.get(indicator=town.revenue).note == note


def test_a_draft_may_lack_reasons_but_submitting_needs_them_when_behind(town):
    behind = entries(town, households="1000", share="35")  # 40% of 2500 at June; 35% < 40%
    assert save(town, behind).saved
    outcome = save(town, behind, version=1, submit=True)
    assert not outcome.submitted
    assert "原因" in " ".join(outcome.by_indicator()[town.households.pk].errors)
    assert "下步措施" in " ".join(outcome.by_indicator()[town.share.pk].errors)
    explained = {"reason": "项目延期", "measures": "加快推进"}
    fixed = entries(town, households="1000", share="35", extra={"households": explained, "share": explained})
    outcome = save(town, fixed, version=1, submit=True)
    assert outcome.submitted and outcome.state == OfficeMonth.State.SUBMITTED


def test_submitting_needs_every_targeted_value(town):
    outcome = save(town, entries(town)[:2], submit=True)
    assert "提交前须填写本月数值" in outcome.by_indicator()[town.share.pk].errors[0]


def test_an_approved_month_is_locked_and_an_admin_reopens_it_with_a_logged_reason(town):
    outcome = save(town, entries(town), submit=True)
    month = OfficeMonth.objects.get(pk=OfficeMonth.objects.get().pk)
    with pytest.raises(PermissionDenied):
        workflow.approve(month, town.staff)  # a forged approval
    workflow.approve(month, town.leader, "同意")
    locked = save(town, entries(town, revenue="0.9"), version=outcome.version + 1)
    assert "已审核通过并锁定" in locked.errors[0] and locked.locked
    with pytest.raises(PermissionDenied):
        workflow.reopen(month, town.leader, "要改")
    with pytest.raises(workflow.WorkflowError):
        workflow.reopen(month, town.admin, "  ")
    workflow.reopen(month, town.admin, "统计局更正")
    month.refresh_from_db()
    assert month.state == OfficeMonth.State.DRAFT
    assert save(town, entries(town, revenue="0.9"), version=month.version).saved
    actions = list(month.events.values_list("action", "comment"))
    assert [action for action, _comment in actions] == ["save", "submit", "approve", "reopen", "save"]
    assert ("reopen", "统计局更正") in actions


def test_a_double_submit_is_answered_clearly(town):
    save(town, entries(town), submit=True)
    again = save(town, entries(town), submit=True)
    assert "已提交" in again.errors[0]
    assert OfficeMonthEvent.objects.filter(action="submit").count() == 1


def test_returning_needs_a_comment_and_only_a_submitted_month(town):
    save(town, entries(town))
    month = OfficeMonth.objects.get()
    with pytest.raises(workflow.WorkflowError):
        workflow.return_month(month, town.leader, "请核实")  # still a draft
    save(town, entries(town), version=1, submit=True)
    with pytest.raises(workflow.WorkflowError):
        workflow.return_month(month, town.leader, "")
    workflow.return_month(month, town.leader, "请核实户数")
    month.refresh_from_db()
    assert month.state == OfficeMonth.State.RETURNED
    assert save(town, entries(town, households="1500"), version=month.version, submit=True).submitted


def test_an_admin_restores_an_earlier_value_and_the_restore_is_recorded(town):
    save(town, entries(town))
    save(town, entries(town, revenue="0.95"), version=1)
    figure = Figure.objects.get(indicator=town.revenue)
    first = figure.changes.order_by("changed_at", "id").first()
    with pytest.raises(PermissionDenied):
        workflow.restore(first, town.staff, "改回")
    workflow.restore(first, town.admin, "误改")
    figure.refresh_from_db()
    assert figure.value == Decimal("0.8")
    latest = figure.changes.first()
    assert latest.source == "restore" and latest.old_value == Decimal("0.95") and "误改" in latest.comment
    assert OfficeMonth.objects.get().version == 3  # forms opened before the restore are stale


def test_a_confirmed_value_is_not_questioned_again_when_the_month_is_saved_later(town):
    make_figure(town.households, 5, "1200")
    confirmed = entries(
        town, households="140000", extra={"households": {"confirm": True, "note": "集中登记"}}
    )
    assert save(town, confirmed).saved
    later = entries(town, households="140000", share="42")
    assert save(town, later, version=1).saved


FIELD_VALUES = {
    "value": ["1", "2", "3"],
    "note": ["", "甲", "乙"],
    "reason": ["", "丙"],
    "measures": ["", "丁"],
}
ROWS = ("revenue", "households", "share")
step = st.tuples(
    st.sampled_from(["type", "type", "type", "save", "save", "open"]),
    st.sampled_from("AB"),
    st.sampled_from(ROWS),
    st.sampled_from(list(FIELD_VALUES)),
    st.integers(min_value=0, max_value=2),
)


def snapshot(town):
    """Every stored field of June: (code, field) → content (a value as a Decimal, texts as text)."""
    fields = {}
    for figure in Figure.objects.filter(year=2023, month=6).select_related("indicator"):
        for name in loaded_fields.FIELDS:
            fields[(figure.indicator.code, name)] = getattr(figure, name)
    return fields


def typed_content(entry, name, unit):
    if name == "value":
        return parse_figure(entry.text, unit) if entry.text.strip() else None
    return getattr(entry, name)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seeded=st.booleans(), steps=st.lists(step, max_size=16))
def test_two_editors_never_lose_a_saved_value_without_being_shown_it(town, seeded, steps):
    """Random interleavings of two editors opening, typing and saving June (after a conflict, the page as the
    form shows it). Whenever a save overwrites stored content, the saver had that very content on their page
    (loaded when opening, or shown as 现在的值 in the conflict box); and a save that succeeds stores every change
    its editor made."""
    for model in (FigureChange, Figure, OfficeMonthEvent, OfficeMonth):
        model.objects.all().delete()
    if seeded:
        save(town, entries(town, revenue="1", households="1", share="1"))
    users = {"A": town.staff, "B": town.admin}
    indicators = {code: getattr(town, code) for code in ROWS}
    pages = {who: opened(town) for who in "AB"}
    for action in steps:
        who = action[1]
        if action[0] == "open":
            pages[who] = opened(town)
        elif action[0] == "type":
            _, _, code, name, choice = action
            content = FIELD_VALUES[name][choice % len(FIELD_VALUES[name])]
            if name == "value":
                pages[who] = edit(pages[who], indicators[code], content)
            else:
                pages[who] = edit(pages[who], indicators[code], **{name: content})
        else:
            page, before = pages[who], snapshot(town)
            outcome = save_page(town, page, user=users[who])
            after = snapshot(town)
            rows = {indicator.code: page[0][indicator.pk] for indicator in indicators.values()}
            for key in set(before) | set(after):
                code, name = key
                was, now = before.get(key), after.get(key)
                if key not in before and name != "value":
                    was = ""  # a new figure's texts were empty
                if was != now:
                    assert outcome.saved
                    # Only what this editor had on their page is replaced, and only by what they typed.
                    assert rows[code].loaded.get(name) == was, (key, was, now)
                    assert typed_content(rows[code], name, indicators[code].unit) == now
            if outcome.saved:
                for code, entry in rows.items():
                    if (code, "value") not in after:
                        continue  # no value on the row: its texts are not stored either
                    for name in loaded_fields.FIELDS:
                        mine = typed_content(entry, name, indicators[code].unit)
                        if mine is not None and mine != entry.loaded.get(name):
                            assert after[(code, name)] == mine, (code, name)
                pages[who] = opened(town)  # the form reloads after a save
            else:
                assert outcome.conflict, outcome.errors or outcome.rows
                pages[who] = (outcome.rebased(), outcome.version)
