"""The inbox (站内消息) and the 催办 button of 填报情况.

Views gather and render; who may chase is ``targets.roles.may_chase``, the rest is ``targets.reminders.services``.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from targets import roles
from targets.entry.rows import entry_years
from targets.forms import small_int
from targets.models import Office
from targets.reminders import services
from targets.reminders.models import Message


def inbox(request):
    """The user's messages, newest first, unread ones marked."""
    mine = Message.objects.filter(recipient=request.user).select_related("office", "chase__sender")
    page = Paginator(mine, 30).get_page(small_int(request.GET.get("page")) or 1)
    context = {"page": page, "unread": services.unread_count(request.user)}
    return render(request, "targets/inbox.html", context)


def open_message(request, pk):
    """Mark a message read and go to the month it is about."""
    message = get_object_or_404(Message, pk=pk, recipient=request.user)
    if message.read_at is None:
        message.read_at = timezone.now()
        message.save(update_fields=["read_at"])
    if message.link and url_has_allowed_host_and_scheme(message.link, allowed_hosts=None):
        return redirect(message.link)
    return redirect("targets:inbox")


@require_POST
def mark_read(request, pk=None):
    """Mark one message (or, without ``pk``, every message) of the user read."""
    mine = Message.objects.filter(recipient=request.user, read_at__isnull=True)
    if pk is not None:
        mine = mine.filter(pk=pk)
    mine.update(read_at=timezone.now())
    return redirect("targets:inbox")


@require_POST
def chase(request, office, year, month):
    """A leader's or an admin's 催办 of an office's late or missing month, from 填报情况."""
    if not roles.may_chase(request.user):
        raise PermissionDenied
    office = get_object_or_404(Office, pk=office)
    back = reverse("targets:entry_status") + f"?year={year}"
    if not 1 <= month <= 12 or year not in entry_years():
        messages.error(request, _("年度或月份无效。"))
        return redirect(reverse("targets:entry_status"))
    try:
        record = services.chase(office, year, month, request.user, request.POST.get("note", ""))
    except services.ChaseRefused as error:
        messages.error(request, error.messages[0])
        return redirect(back)
    told = record.messages.count()
    if told:
        messages.success(
            request,
            _("已催办%(office)s %(year)s年%(month)s月，通知了 %(count)s 名填报员。")
            % {"office": office.name, "year": year, "month": month, "count": told},
        )
    else:
        messages.warning(
            request,
            _("已记录催办，但%(office)s还没有填报员账号，无人收到站内消息。") % {"office": office.name},
        )
    return redirect(back)
