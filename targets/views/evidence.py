"""佐证材料 of an office's month: staff (and admins) attach photos or documents while the month is open;
everyone who may read the month — its staff, leaders, admins — opens them. Nobody else, logged in or not."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from targets import roles
from targets.entry import services
from targets.models import Evidence, Office, OfficeMonth, OfficeMonthEvent
from targets.uploads import check_upload

MAX_FILES = 10  # per upload


@require_POST
def upload(request, office, year, month):
    office = get_object_or_404(Office, pk=office)
    if not roles.may_enter(request.user, office):
        raise PermissionDenied
    back = redirect("targets:entry_month", office=office.pk, year=year, month=month)
    problems = services.month_errors(year, month, request.user)
    files = request.FILES.getlist("file")
    if not problems and not files:
        problems = [_("请选择要上传的照片或文档。")]
    if len(files) > MAX_FILES:
        problems = [_("一次最多上传 %(count)s 个文件。") % {"count": MAX_FILES}]
    checked = []
    for item in files if not problems else []:
        try:
            checked.append((item, *check_upload(item)))
        except ValidationError as error:
            problems.append(error.messages[0])
    if problems:
        for problem in problems:
            messages.error(request, problem)
        return back
    with transaction.atomic():
        office_month, _created = OfficeMonth.objects.get_or_create(
            office=office, year=year, month=month, defaults={"version": 0}
        )
        office_month = OfficeMonth.objects.select_for_update().get(pk=office_month.pk)
        locked = services.state_error(office_month)
        if locked:
            messages.error(request, locked)
            return back
        for item, kind, content_type in checked:
            Evidence.objects.create(
                office_month=office_month,
                file=item,
                original_name=item.name[:200],
                kind=kind,
                content_type=content_type,
                size=item.size,
                uploaded_by=request.user,
            )
    messages.success(request, _("已上传 %(count)s 份佐证材料。") % {"count": len(checked)})
    return back


@require_POST
def remove(request, pk):
    """Staff (and admins) take back a file of an open month: hidden from the month, kept and logged."""
    item = get_object_or_404(Evidence.objects.select_related("office_month__office"), pk=pk, removed_at=None)
    office_month = item.office_month
    if not roles.may_enter(request.user, office_month.office):
        raise PermissionDenied
    back = redirect(
        "targets:entry_month", office=office_month.office_id, year=office_month.year, month=office_month.month
    )
    with transaction.atomic():
        office_month = OfficeMonth.objects.select_for_update().get(pk=office_month.pk)
        locked = services.state_error(office_month)
        if locked:
            messages.error(request, locked)
            return back
        item.removed_at, item.removed_by = timezone.now(), request.user
        item.save(update_fields=["removed_at", "removed_by"])
        OfficeMonthEvent.objects.create(
            office_month=office_month,
            action=OfficeMonthEvent.Action.EVIDENCE_REMOVED,
            actor=request.user,
            comment=item.original_name,
        )
    messages.success(request, _("已删除佐证材料“%(name)s”。") % {"name": item.original_name})
    return back


def serve(request, pk):
    """Photos inline, documents as downloads, with the type checked at upload, to those who may read the month."""
    item = get_object_or_404(Evidence.objects.select_related("office_month__office"), pk=pk)
    if item.removed_at is not None and not roles.is_admin(request.user):
        raise Http404  # taken back by its office: only the admins still open it
    if not roles.may_read_office(request.user, item.office_month.office):
        raise PermissionDenied
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    inline = item.kind == Evidence.Kind.IMAGE
    response = FileResponse(
        handle, as_attachment=not inline, filename=item.original_name, content_type=item.content_type
    )
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
