"""The panel a target's page shows when the target is counted from the register: the projects that count."""

from django.utils import timezone

from projects.counting import counted_projects, rule_for


def counted_projects_panel(request, target) -> dict | None:
    """Context for ``projects/includes/counted_projects.html``, or ``None`` for a target without a rule."""
    rule = rule_for(target)
    if rule is None:
        return None
    today = timezone.localdate()
    projects = counted_projects(target, today)
    return {
        "template": "projects/includes/counted_projects.html",
        "count_rule": rule,
        "counted_projects": projects,
        "counted_total": len(projects),
        "counted_until": today,
    }
