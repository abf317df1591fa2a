"""A project's time nodes, weekly log entries with attachments, leaders' 批示, and serving attachments."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects import services
from projects.forms import CommentForm, LogEntryForm, MilestoneForm
from projects.models import Attachment, LogEntry, Milestone, Project
from projects.views.register import detail_context
from targets import roles


def milestone_form(request, pk, milestone_pk=None):
    project = get_object_or_404(Project, pk=pk)
    roles.require(roles.may_edit_project, request.user, project)
    milestone = get_object_or_404(Milestone, pk=milestone_pk, project=project) if milestone_pk else None
    before = services.snapshot(milestone, services.MILESTONE_FIELDS) if milestone else None
    form = MilestoneForm(request.POST or None, instance=milestone, project=project)
    if request.method == "POST" and form.is_valid():
        services.save_milestone(form.save(commit=False), request.user, before=before)
        messages.success(request, _("时间节点已保存。"))
        return redirect(project)
    return render(
        request, "projects/milestone_form.html", {"form": form, "project": project, "milestone": milestone}
    )


def log_create(request, pk):
    project = get_object_or_404(Project, pk=pk)
    roles.require(roles.may_edit_project, request.user, project)
    if request.method != "POST":
        return redirect(project)
    form = LogEntryForm(request.POST, request.FILES, project=project)
    if form.is_valid():
        services.save_log_entry(form.save(commit=False), request.user, None, form.cleaned_data["files"])
        messages.success(request, _("每周调度已保存。"))
        return redirect(f"{project.get_absolute_url()}#log")
    messages.error(request, _("每周调度未保存，请按提示修改。"))
    project = Project.objects.prefetch_related("stage_events", "milestones").get(pk=pk)
    return render(
        request, "projects/detail.html", detail_context(request, project, timezone.localdate(), log_form=form)
    )


def log_edit(request, entry_pk):
    entry = get_object_or_404(LogEntry.objects.select_related("project"), pk=entry_pk)
    project = entry.project
    roles.require(roles.may_edit_project, request.user, project)
    before = services.snapshot(entry, services.LOG_FIELDS)
    form = LogEntryForm(request.POST or None, request.FILES or None, instance=entry, project=project)
    if request.method == "POST" and form.is_valid():
        services.save_log_entry(form.save(commit=False), request.user, before, form.cleaned_data["files"])
        messages.success(request, _("每周调度已保存。"))
        return redirect(f"{project.get_absolute_url()}#log-{entry.pk}")
    return render(request, "projects/log_form.html", {"form": form, "project": project, "entry": entry})


@require_POST
def log_comment(request, entry_pk):
    roles.require(roles.may_comment_log, request.user)
    entry = get_object_or_404(LogEntry.objects.select_related("project"), pk=entry_pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.add_comment(entry, form.cleaned_data["text"], request.user)
        messages.success(request, _("批示已发送。"))
    else:
        messages.error(request, _("批示内容不能为空，且不超过 2000 字。"))
    return redirect(f"{entry.project.get_absolute_url()}#log-{entry.pk}")


def attachment(request, pk):
    """Serve an attachment to a logged-in user (the login middleware guarantees it): photos inline, documents
    as downloads, with the type we checked at upload rather than anything the file claims."""
    item = get_object_or_404(Attachment, pk=pk)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    inline = item.kind == Attachment.Kind.IMAGE
    response = FileResponse(
        handle, as_attachment=not inline, filename=item.original_name, content_type=item.content_type
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response
