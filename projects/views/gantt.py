"""The wall chart (挂图作战): every project's time nodes as a Gantt, filtered like the list."""

from django.shortcuts import render
from django.utils import timezone

from projects.charts import gantt_json, gantt_rows
from projects.forms import ProjectFilterForm
from projects.models import Project


def gantt(request):
    today = timezone.localdate()
    filters = ProjectFilterForm(request.GET or None)
    projects = filters.filter(
        Project.objects.with_status(today)
        .select_related("office")
        .prefetch_related("stage_events", "milestones")
        .order_by("office__order", "name")
    )
    projects = list(projects)
    rows = gantt_rows(projects, today)
    unscheduled = [project for project in projects if not project.deadline and not project.milestones.all()]
    return render(
        request,
        "projects/gantt.html",
        {
            "filters": filters,
            "rows": rows,
            "chart": gantt_json(rows, today) if rows else None,
            "unscheduled": unscheduled,
            "today": today,
        },
    )
