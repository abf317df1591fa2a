"""The "本月无新增项目" confirmation: staff say their project register is up to date for a month with nothing new.

A counted target is judged only for months its office kept the register (``targets.registers``); this is the
explicit way to keep it when no project changed. Its own POST, apart from the month's figures.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from targets import registers, roles
from targets.entry import services
from targets.models import Office


@require_POST
def confirm_register(request, office, year, month):
    office = get_object_or_404(Office, pk=office)
    if not roles.may_enter(request.user, office):
        raise PermissionDenied
    back = redirect("targets:entry_month", office=office.pk, year=year, month=month)
    errors = services.month_errors(year, month, request.user)
    if errors:
        messages.error(request, errors[0])
        return back
    registers.confirm_no_new_projects(office, year, month, request.user)
    messages.success(
        request,
        _("已确认%(year)s年%(month)s月项目台账无新增项目，由台账计数的目标本月按台账评价。")
        % {"year": year, "month": month},
    )
    return back
