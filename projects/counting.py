"""Counting projects for count targets: the counter ``targets.counting`` calls, and the list behind it.

The rules themselves (category, minimum investment, stage, window, currencies) are documented on
``projects.models.rules.CountRule``. ``超5亿元`` is read as "at least 5亿元", the town's usage.
"""

from datetime import date

from projects.models import CountRule, Project


def rule_for(target) -> CountRule | None:
    return CountRule.objects.select_related("target").filter(target=target).first()


def counted_projects(target, until: date) -> list[Project]:
    """The real projects that count for ``target`` by ``until`` (empty when the target has no rule)."""
    rule = rule_for(target)
    if rule is None:
        return []
    return _matching(rule, until)


def _matching(rule: CountRule, until: date) -> list[Project]:
    start, end = rule.period()
    end = min(end, until)
    if end < start:
        return []
    projects = (
        Project.objects.filter(is_sample=False).select_related("office").prefetch_related("stage_events")
    )
    if rule.category:
        projects = projects.filter(category=rule.category)
    sequence = set(rule.stage_sequence())
    counted = []
    for project in projects.filter(stage_events__stage__in=sequence).distinct().order_by("name"):
        reached = [event.reached_on for event in project.stage_events.all() if event.stage in sequence]
        # The day the project first reached the rule's stage (or a later one, if it skipped it).
        first = min(reached)
        if start <= first <= end and rule.invests_enough(project):
            project.counted_on = first
            counted.append(project)
    return counted


def count_projects(target, until: date) -> int | None:
    """The counter registered with ``targets.counting``: a count, or ``None`` for a target without a rule."""
    rule = rule_for(target)
    if rule is None:
        return None
    return len(_matching(rule, until))
