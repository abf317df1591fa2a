"""The monthly entry pages: choose a month, fill in the office's form, approve/return/reopen, see a value's history.

Views gather and render; every rule is in ``targets.entry`` (checks, ``save_month``, workflow).
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from targets import registers, roles
from targets.entry import checks, loaded, services, workflow
from targets.entry.rows import (
    counted_rows,
    deadline_of,
    entry_years,
    month_rows,
    office_month,
    today,
)
from targets.entry.status import LABELS, is_late, month_state, owed_month, status_grid
from targets.forms import CommentForm, MonthChooserForm, MonthForm, ReasonForm, small_int
from targets.models import Figure, FigureChange, Office, OfficeMonth, OfficeMonthEvent, Period
from targets.uploads import ACCEPT


@dataclass
class FormRow:
    """One line of the form: the stored row, what is typed in it and what the checks said."""

    row: object
    entry: checks.Entry
    checked: checks.Checked | None = None
    last_change: FigureChange | None = None
    change_count: int = 0
    loaded_token: str = ""  # what the row is based on, signed (``targets.entry.loaded``)
    in_conflict: bool = False

    @property
    def pk(self):
        return self.row.indicator.pk

    @property
    def errors(self):
        return self.checked.errors if self.checked else []

    @property
    def confirmable(self):
        return bool(self.checked and self.checked.confirmable) or bool(self.entry.confirm)

    @property
    def warnings(self):
        return self.checked.warnings if self.checked else []

    @property
    def behind(self):
        """Behind 序时 by what is typed (after a POST) or by what is stored (when the page is opened)."""
        if self.checked:
            return self.checked.behind
        return bool(self.row.figure and checks.check_entry(self.row, self.entry).behind)


def entry(request):
    """Open a month's form: the user's own office (or ``?office=`` for leaders and admins), by default the month
    it still owes."""
    office = roles.office_of(request.user)
    chosen = small_int(request.GET.get("office"))
    if chosen is not None and (office is None or chosen != office.pk):
        office = get_object_or_404(Office, pk=chosen)
        if not roles.may_read_office(request.user, office):
            raise PermissionDenied
    if office is None or not roles.may_read_office(request.user, office):
        if roles.may_see_all_offices(request.user):
            return redirect("targets:entry_status")
        raise PermissionDenied
    now = today()
    chooser = MonthChooserForm(request.GET if "year" in request.GET else None, years=entry_years())
    # Without a choice, open the month the office still owes (see ``owed_month``), not the calendar month.
    year, month = owed_month(office, now) or (now.year, now.month)
    if chooser.is_bound and chooser.is_valid():
        year, month = chooser.cleaned_data["year"], chooser.cleaned_data["month"]
    elif chooser.is_bound:
        messages.error(request, _("请选择有效的年度和月份。"))
    return redirect("targets:entry_month", office=office.pk, year=year, month=month)


def _form_rows(rows, scope, entries=None, outcome=None) -> list[FormRow]:
    entries = entries or {}
    checked = outcome.by_indicator() if outcome else {}
    conflicted = {conflict.indicator.pk for conflict in outcome.conflicts} if outcome else set()
    figures = [row.figure for row in rows if row.figure]
    changes: dict[int, list[FigureChange]] = {}
    for change in FigureChange.objects.filter(figure__in=figures).select_related("changed_by"):
        changes.setdefault(change.figure_id, []).append(change)
    form_rows = []
    for row in rows:
        entry = entries.get(row.indicator.pk) or services.stored_entry(row)
        if row.indicator.pk not in entries:
            entry.confirm = False
        history = changes.get(row.figure.pk, []) if row.figure else []
        form_rows.append(
            FormRow(
                row=row,
                entry=entry,
                checked=checked.get(row.indicator.pk),
                last_change=history[0] if history else None,
                change_count=len(history),
                loaded_token=loaded.sign(entry.loaded or loaded.Loaded(), *scope, row.indicator.pk),
                in_conflict=row.indicator.pk in conflicted,
            )
        )
    return form_rows


def entry_month(request, office, year, month):
    office = get_object_or_404(Office, pk=office)
    if not 1 <= month <= 12:
        raise Http404
    if not roles.may_read_office(request.user, office):
        raise PermissionDenied
    outcome = None
    entries = None
    if request.method == "POST":
        form = MonthForm(request.POST, office_id=office.pk, year=year, month=month)
        entries = {entry.indicator_id: entry for entry in form.entries()}
        outcome = services.save_month(
            office,
            year,
            month,
            list(entries.values()),
            request.user,
            source=FigureChange.Source.FORM,
            expected_version=form.expected_version,
            submit=form.action == "submit",
        )
        if outcome.saved:
            if outcome.submitted:
                messages.success(request, _("已保存并提交审核。"))
            elif outcome.changed:
                messages.success(request, _("已保存 %(count)s 项。") % {"count": outcome.changed})
            else:
                messages.info(request, _("没有需要保存的修改。"))
            if outcome.kept:
                messages.info(
                    request,
                    _("你打开本页后，别人修改了：%(names)s；你没有改动这些项，已保留他们的数值。")
                    % {"names": "、".join(indicator.name for indicator in outcome.kept)},
                )
            return redirect("targets:entry_month", office=office.pk, year=year, month=month)
        if outcome.merges:
            # Show the month as it is now with the person's own changes over it; a conflict is overwritten
            # by their next save, made knowingly, and rows they did not change keep their colleague's values.
            entries.update(outcome.rebased())
    return _render_month(request, office, year, month, entries=entries, outcome=outcome)


def _render_month(request, office, year, month, *, entries=None, outcome=None, status=200):
    # Read once and handed on: the target years, the year's periods and the office's months of the year each
    # decide several things below (this month's state, deadline and errors, and the year's strip).
    years = entry_years()
    if year in years:
        periods = {period.month: period for period in Period.objects.filter(year=year)}
        office_months = list(OfficeMonth.objects.filter(office=office, year=year))
        current = next((item for item in office_months if item.month == month), None)
    else:
        periods, office_months, current = {}, None, office_month(office, year, month)
    period = periods.get(month)
    counted = counted_rows(office, year, month, years=years)
    counts_projects = any(row.count is not None for row in counted)  # the register must be kept monthly
    rows = month_rows(office, year, month, counted)
    state = month_state(current)
    month_errors = services.month_errors(year, month, request.user, years=years, period=period)
    # An office that owns no indicator owes nothing: no deadline, no month of it is late.
    owes = year in years and bool(rows or counted)
    deadline = deadline_of(year, month, period) if owes else None
    locked = current is not None and services.state_error(current)
    editable = roles.may_enter(request.user, office) and not month_errors and not locked
    version = current.version if current else 0
    events = list(current.events.select_related("actor")) if current else []
    if outcome is not None and outcome.conflict:
        version = outcome.version
    context = {
        "office": office,
        "year": year,
        "month": month,
        "rows": _form_rows(rows, (office.pk, year, month), entries, outcome),
        "counted_rows": counted,
        "register": registers.month_register(office, year, month) if counts_projects else None,
        "may_confirm_register": counts_projects
        and roles.may_enter(request.user, office)
        and not month_errors,
        "office_month": current,
        "state": state,
        "state_label": LABELS[state],
        "late": owes and is_late(state, deadline),
        "deadline": deadline,
        "version": version,
        "editable": editable,
        "locked_message": locked,
        "month_errors": month_errors if not outcome else outcome.errors,
        "outcome": outcome,
        "events": events,
        "returned": _last_return(events) if state == OfficeMonth.State.RETURNED else None,
        "may_approve": roles.may_approve(request.user) and state == OfficeMonth.State.SUBMITTED,
        "may_reopen": roles.may_reopen(request.user)
        and state in {OfficeMonth.State.SUBMITTED, OfficeMonth.State.APPROVED},
        "may_export": roles.may_read_office(request.user, office),
        "office_months": _office_year(office, year, periods, office_months) if owes else [],
        "chooser": MonthChooserForm(initial={"year": year, "month": month}, years=years),
        "evidence": list(current.evidence.filter(removed_at=None).select_related("uploaded_by"))
        if current
        else [],
        "evidence_accept": ACCEPT,
        "comment_form": CommentForm(),
        "reason_form": ReasonForm(),
    }
    return render(request, "targets/entry_month.html", context, status=status)


def _last_return(events):
    returns = [event for event in events if event.action == OfficeMonthEvent.Action.RETURN]
    return returns[-1] if returns else None


def _office_year(office, year, periods=None, office_months=None):
    """The office's state for each month of the year so far: what staff still owe (from the year's periods and
    the office's months, if already read)."""
    now = today()
    last = now.month if year == now.year else 12
    if year > now.year:
        return []
    months = list(range(1, last + 1))
    if office_months is not None:
        office_months = [item for item in office_months if item.month in months]
    return status_grid(year, months, offices=[office], periods=periods, office_months=office_months)[0][1]


@require_POST
def month_action(request, office, year, month, action):
    """Approve, return or reopen a month (leaders and admins; reopening is for admins only)."""
    office = get_object_or_404(Office, pk=office)
    current = office_month(office, year, month)
    rule = {"approve": roles.may_approve, "return": roles.may_approve, "reopen": roles.may_reopen}.get(action)
    if rule is None:
        raise Http404
    roles.require(rule, request.user)
    back = reverse("targets:entry_month", kwargs={"office": office.pk, "year": year, "month": month})
    if current is None:
        messages.error(request, _("本月还没有填报，无可审核的内容。"))
        return redirect(back)
    form = ReasonForm(request.POST) if action == "reopen" else CommentForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("请填写理由（不超过 2000 字）。") if action == "reopen" else _("意见不超过 2000 字。")
        )
        return redirect(back)
    text = form.cleaned_data.get("reason") or form.cleaned_data.get("comment") or ""
    try:
        if action == "approve":
            workflow.approve(current, request.user, text)
            messages.success(request, _("已审核通过，本月数据已锁定。"))
        elif action == "return":
            workflow.return_month(current, request.user, text)
            messages.success(request, _("已退回填报单位。"))
        else:
            workflow.reopen(current, request.user, text)
            messages.success(request, _("已重新开放，填报单位可以修改。"))
    except workflow.WorkflowError as error:
        messages.error(request, error.messages[0])
    return redirect(back)


def figure_history(request, pk):
    """Every change of one figure, newest first; an admin may restore an earlier value."""
    figure = get_object_or_404(Figure.objects.select_related("indicator__office"), pk=pk)
    if not roles.may_read_office(request.user, figure.indicator.office):
        raise PermissionDenied
    if request.method == "POST":
        roles.require(roles.may_reopen, request.user)
        change = get_object_or_404(FigureChange, pk=small_int(request.POST.get("change")) or 0, figure=figure)
        form = ReasonForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("恢复历史值须写明理由（不超过 2000 字）。"))
        else:
            try:
                workflow.restore(change, request.user, form.cleaned_data["reason"])
                messages.success(request, _("已恢复，恢复操作本身也已记录。"))
            except workflow.WorkflowError as error:
                messages.error(request, error.messages[0])
        return redirect("targets:figure_history", pk=figure.pk)
    context = {
        "figure": figure,
        "changes": figure.changes.select_related("changed_by"),
        "may_restore": roles.may_reopen(request.user),
        "reason_form": ReasonForm(),
    }
    return render(request, "targets/entry_history.html", context)
