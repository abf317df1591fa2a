"""The wall chart (挂图作战): every project's time nodes as a Gantt, filtered like the list."""

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from projects.charts import gantt_json, gantt_rows
from projects.forms import ProjectFilterForm
from projects.models import Project
from targets import pagecache


def gantt(request):
    """The wall chart; its body comes from the page cache while the data and the day are unchanged."""
    built = pagecache.body(request, "gantt", lambda: _gantt_body(request.GET))
    return render(request, "projects/gantt.html", built)


def _gantt_body(params) -> dict:
    today = timezone.localdate()
    filters = ProjectFilterForm(params or None)
    projects = filters.filter(
        Project.objects.with_status(today)
        .select_related("office")
        .prefetch_related("stage_events", "milestones")
        .order_by("office__order", "name")
    )
    projects = list(projects)
    rows = gantt_rows(projects, today)
    unscheduled = [project for project in projects if not project.deadline and not project.milestones.all()]
    context = {
        "filters": filters,
        "rows": rows,
        "chart": gantt_json(rows, today) if rows else None,
        "unscheduled": unscheduled,
        "today": today,
    }
    return {"body": render_to_string("projects/gantt_body.html", context), "charts": bool(rows)}
