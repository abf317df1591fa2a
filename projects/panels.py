"""The panel a target's page shows when the target is counted from the register: the projects that count."""

from django.utils import timezone

from projects.counting import RegisterReading
from targets.progress.loading import COUNTABLE


def counted_projects_panel(request, target, registers=None) -> dict | None:
    """Context for ``projects/includes/counted_projects.html``, or ``None`` for a target without a rule (only
    targets counted one by one can have one). Reuses the page's reading of the register when given."""
    if target.kind not in COUNTABLE:
        return None
    reading = RegisterReading.of(registers, [target])
    rule = reading.rules.get(target.pk)
    if rule is None:
        return None
    today = timezone.localdate()
    projects = reading.counted(target.pk, today)
    return {
        "template": "projects/includes/counted_projects.html",
        "count_rule": rule,
        "counted_projects": projects,
        "counted_total": len(projects),
        "counted_until": today,
    }
