"""The month's workflow after saving: approve, return, reopen; and an admin's restore of an earlier value.

draft → submitted (``save_month(..., submit=True)``, by the office's staff or an admin)
submitted → approved (a leader or an admin; the month is then locked)
submitted → returned (a leader or an admin, with a comment; staff correct and submit again)
approved or submitted → draft (an admin reopens, with a logged reason)

Each step locks the month row, bumps ``OfficeMonth.version`` (so a form opened before it is stale) and leaves an
``OfficeMonthEvent``. A step the user's role may not take raises ``PermissionDenied``; a step the month's state
does not allow (approving twice, returning a draft) raises ``WorkflowError`` with a message in Chinese.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from targets import roles
from targets.models import Figure, FigureChange, OfficeMonth, OfficeMonthEvent


class WorkflowError(ValidationError):
    """A step the month's current state does not allow."""


def _locked(office_month: OfficeMonth) -> OfficeMonth:
    return OfficeMonth.objects.select_for_update().get(pk=office_month.pk)


def _step(office_month, user, action, new_state, comment="") -> OfficeMonth:
    office_month.state = new_state
    office_month.version += 1
    office_month.save()
    OfficeMonthEvent.objects.create(office_month=office_month, action=action, actor=user, comment=comment)
    return office_month


def approve(office_month: OfficeMonth, user, comment: str = "") -> OfficeMonth:
    roles.require(roles.may_approve, user)
    with transaction.atomic():
        office_month = _locked(office_month)
        if office_month.state != OfficeMonth.State.SUBMITTED:
            raise WorkflowError(_("只有已提交的月份可以审核通过（当前：%(state)s）。") % _state(office_month))
        return _step(
            office_month, user, OfficeMonthEvent.Action.APPROVE, OfficeMonth.State.APPROVED, comment.strip()
        )


def return_month(office_month: OfficeMonth, user, comment: str) -> OfficeMonth:
    roles.require(roles.may_approve, user)
    if not comment.strip():
        raise WorkflowError(_("退回须写明意见，告诉填报员要改什么。"))
    with transaction.atomic():
        office_month = _locked(office_month)
        if office_month.state != OfficeMonth.State.SUBMITTED:
            raise WorkflowError(_("只有已提交的月份可以退回（当前：%(state)s）。") % _state(office_month))
        return _step(
            office_month, user, OfficeMonthEvent.Action.RETURN, OfficeMonth.State.RETURNED, comment.strip()
        )


def reopen(office_month: OfficeMonth, user, reason: str) -> OfficeMonth:
    roles.require(roles.may_reopen, user)
    if not reason.strip():
        raise WorkflowError(_("重新开放须写明理由。"))
    with transaction.atomic():
        office_month = _locked(office_month)
        if office_month.state not in {OfficeMonth.State.APPROVED, OfficeMonth.State.SUBMITTED}:
            raise WorkflowError(
                _("只有已提交或已审核的月份需要重新开放（当前：%(state)s）。") % _state(office_month)
            )
        return _step(
            office_month, user, OfficeMonthEvent.Action.REOPEN, OfficeMonth.State.DRAFT, reason.strip()
        )


def restore(change: FigureChange, user, reason: str) -> Figure:
    """Set the figure back to the value (and note) ``change`` stored; itself recorded as a change."""
    roles.require(roles.may_reopen, user)
    if not reason.strip():
        raise WorkflowError(_("恢复历史值须写明理由。"))
    if change.new_value is None:
        raise WorkflowError(_("这条记录没有可恢复的数值。"))
    with transaction.atomic():
        figure = Figure.objects.select_for_update().select_related("indicator").get(pk=change.figure_id)
        office_month = OfficeMonth.objects.filter(
            office_id=figure.indicator.office_id, year=figure.year, month=figure.month
        ).first()
        if office_month is not None:
            office_month = _locked(office_month)
        if figure.value == change.new_value and figure.note == change.new_note:
            raise WorkflowError(_("当前值已经是这个值，无需恢复。"))
        figure.record(
            change.new_value,
            change.new_note,
            user,
            FigureChange.Source.RESTORE,
            comment=_("恢复为 %(at)s 的值：%(reason)s")
            % {
                "at": timezone.localtime(change.changed_at).strftime("%Y-%m-%d %H:%M"),
                "reason": reason.strip(),
            },
        )
        if office_month is not None:
            office_month.version += 1  # a form opened before the restore is now stale
            office_month.save()
        return figure


def _state(office_month: OfficeMonth) -> dict:
    return {"state": office_month.get_state_display()}
