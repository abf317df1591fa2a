"""The list of projects (filtered, sorted, exported), a project's page, creating and editing a project, stages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig
from django_tables2.export.export import TableExport

from projects import services
from projects.forms import CommentForm, LogEntryForm, ProjectFilterForm, ProjectForm, StageForm
from projects.models import LogEntry, Project
from projects.tables import ProjectTable
from targets import roles


def project_list(request):
    today = timezone.localdate()
    filters = ProjectFilterForm(request.GET or None)
    projects = filters.filter(
        Project.objects.with_status(today).select_related("office", "responsible").order_by("-year", "name")
    )
    table = ProjectTable(projects)
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    export_format = request.GET.get("_export")
    if TableExport.is_valid_format(export_format):
        table.paginate(per_page=max(1, len(projects)))
        exporter = TableExport(export_format, table, dataset_kwargs={"title": _("项目台账")})
        response = exporter.response()
        # A Chinese file name needs RFC 6266 encoding (filename*=utf-8''…), which TableExport does not do.
        filename = f"{_('项目台账')}-{today.isoformat()}.{export_format}"
        response["Content-Disposition"] = content_disposition_header(True, filename)
        return response
    return render(
        request,
        "projects/list.html",
        {"table": table, "filters": filters, "can_create": roles.may_create_project(request.user)},
    )


def project_detail(request, pk):
    today = timezone.localdate()
    project = get_object_or_404(
        Project.objects.select_related("office", "responsible").prefetch_related(
            "stage_events",
            "milestones",
            Prefetch(
                "log_entries",
                queryset=LogEntry.objects.select_related("author").prefetch_related(
                    "attachments", "comments__author"
                ),
            ),
        ),
        pk=pk,
    )
    return render(request, "projects/detail.html", detail_context(request, project, today))


def detail_context(request, project, today, **forms):
    can_edit = roles.may_edit_project(request.user, project)
    reached = project.stage_dates()
    stage_labels = dict(Project.Stage.choices)
    stages = [
        {"value": stage.value, "label": stage_labels[stage.value], "date": reached.get(stage.value)}
        for stage in project.stages
    ]
    milestones = [
        {"milestone": milestone, "state": milestone.state(today), "days_late": milestone.days_late(today)}
        for milestone in project.milestones.all()
    ]
    return {
        "project": project,
        "today": today,
        "status": project.status(today),
        "current_stage": stage_labels.get(project.current_stage_on(today)),
        "stages": stages,
        "milestones": milestones,
        "log_entries": project.log_entries.all(),
        "changes": project.changes.select_related("actor")[:30],
        "can_edit": can_edit,
        "can_comment": roles.may_comment_log(request.user),
        "stage_form": forms.get("stage_form") or (StageForm(project=project) if can_edit else None),
        "log_form": forms.get("log_form")
        or (LogEntryForm(project=project, initial={"week_of": today}) if can_edit else None),
        "comment_form": CommentForm(),
    }


def project_create(request):
    roles.require(roles.may_create_project, request.user)
    form = ProjectForm(request.POST or None, user=request.user, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        project = services.save_project(form.save(commit=False), request.user, before=None)
        messages.success(request, _("已新建项目“%(name)s”。") % {"name": project.name})
        return redirect(project)
    return render(request, "projects/form.html", {"form": form, "project": None})


def project_edit(request, pk):
    project = get_object_or_404(Project, pk=pk)
    roles.require(roles.may_edit_project, request.user, project)
    before = services.snapshot(project, services.PROJECT_FIELDS)
    form = ProjectForm(request.POST or None, instance=project, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.save_project(form.save(commit=False), request.user, before=before)
        messages.success(request, _("已保存。"))
        return redirect(project)
    return render(request, "projects/form.html", {"form": form, "project": project})


@require_POST
def project_stage(request, pk):
    project = get_object_or_404(Project, pk=pk)
    roles.require(roles.may_edit_project, request.user, project)
    form = StageForm(request.POST, project=project)
    if form.is_valid():
        try:
            services.set_stage(
                project, form.cleaned_data["stage"], form.cleaned_data["reached_on"], request.user
            )
        except ValidationError as error:  # a concurrent change broke the order after the form checked it
            form.add_error(None, error)
        else:
            messages.success(request, _("阶段已更新。"))
            return redirect(project)
    messages.error(request, _("阶段未更新，请按提示修改。"))
    today = timezone.localdate()
    return render(request, "projects/detail.html", detail_context(request, project, today, stage_form=form))
