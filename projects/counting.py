"""Counting projects for count targets: the counters ``targets.counting`` calls, and the list behind them.

The rules themselves (category, minimum investment, stage, window, currencies) are documented on
``projects.models.rules.CountRule``. ``超5亿元`` is read as "at least 5亿元", the town's usage.

``count_projects_batch`` is what the dashboard, the API and the briefing use: two queries (the rules, then the
stage events of every real project with the projects) whatever the number of targets, matched in Python by
``counted_on``, the one rule both it and the per-target ``counted_projects`` apply. Sample projects
(``is_sample``) never count.

Two more answers for ``targets.counting``: ``register_activity`` (the months an office's register changed, so a
counted target is judged only when its register was kept) and ``works_states`` (how the works linked to a
milestone target stand, so its status comes from their time nodes and stages instead of a typed figure).
"""

from datetime import date

from django.utils import timezone

from projects.models import ChangeRecord, CountRule, Project, ProjectStatus, StageEvent


def rule_for(target) -> CountRule | None:
    return CountRule.objects.select_related("target").filter(target=target).first()


def counted_on(rule: CountRule, project: Project, reached: dict[str, date], until: date) -> date | None:
    """The day ``project`` counts for ``rule`` by ``until``, or ``None`` when it does not count.

    ``reached`` is stage → the day the project reached it. The day is the first on which the project reached the
    rule's stage (or a later one, if it skipped it); it must fall inside the rule's window, cut at ``until``.
    """
    if project.is_sample:
        return None
    if rule.category and project.category != rule.category:
        return None
    start, end = rule.period()
    end = min(end, until)
    days = [day for stage, day in reached.items() if stage in set(rule.stage_sequence())]
    if not days or end < start:
        return None
    first = min(days)
    if start <= first <= end and rule.invests_enough(project):
        return first
    return None


def counted_projects(target, until: date) -> list[Project]:
    """The real projects that count for ``target`` by ``until`` (empty when the target has no rule)."""
    rule = rule_for(target)
    if rule is None:
        return []
    return _matching(rule, until)


def _matching(rule: CountRule, until: date) -> list[Project]:
    projects = (
        Project.objects.filter(is_sample=False).select_related("office").prefetch_related("stage_events")
    )
    if rule.category:
        projects = projects.filter(category=rule.category)
    sequence = set(rule.stage_sequence())
    counted = []
    for project in projects.filter(stage_events__stage__in=sequence).distinct().order_by("name"):
        day = counted_on(rule, project, project.stage_dates(), until)
        if day is not None:
            project.counted_on = day
            counted.append(project)
    return counted


def count_projects(target, until: date) -> int | None:
    """The count for one target, or ``None`` for a target without a rule (``count_projects_batch`` for many)."""
    rule = rule_for(target)
    if rule is None:
        return None
    return len(_matching(rule, until))


def count_projects_batch(targets, until_by_target: dict[int, date]) -> dict[int, int]:
    """The batch counter registered with ``targets.counting``: {target id: count} for the targets with a rule.

    Two queries whatever the number of targets (one when none has a rule).
    """
    by_id = {target.pk: target for target in targets if target.pk in until_by_target}
    if not by_id:
        return {}
    rules = list(CountRule.objects.filter(target_id__in=by_id))
    if not rules:
        return {}
    for rule in rules:
        rule.target = by_id[rule.target_id]  # the caller's target: no query for its year and deadline
    stages = set().union(*(rule.stage_sequence() for rule in rules))
    # A stage reached after the latest day asked about can never be the first in a window ending earlier.
    last = max(until_by_target[rule.target_id] for rule in rules)
    events = StageEvent.objects.filter(
        project__is_sample=False, stage__in=stages, reached_on__lte=last
    ).select_related("project")
    projects: dict[int, Project] = {}
    reached: dict[int, dict[str, date]] = {}
    for event in events:
        projects.setdefault(event.project_id, event.project)
        reached.setdefault(event.project_id, {})[event.stage] = event.reached_on
    return {
        rule.target_id: sum(
            counted_on(rule, project, reached[pk], until_by_target[rule.target_id]) is not None
            for pk, project in projects.items()
        )
        for rule in rules
    }


def register_activity(office_ids, year: int) -> dict[int | None, set[int]]:
    """The months of ``year`` in which each office's real projects changed (a change recorded, or a stage
    reached that month), by office id; ``None`` among ``office_ids`` asks about any office's. Two queries."""
    office_ids = set(office_ids)
    any_office = None in office_ids
    changes = ChangeRecord.objects.filter(project__is_sample=False, at__year=year)
    stages = StageEvent.objects.filter(project__is_sample=False, reached_on__year=year)
    if not any_office:
        changes = changes.filter(project__office_id__in=office_ids)
        stages = stages.filter(project__office_id__in=office_ids)
    months: dict[int | None, set[int]] = {}

    def note(office_id, month):
        if office_id in office_ids:
            months.setdefault(office_id, set()).add(month)
        if any_office:
            months.setdefault(None, set()).add(month)

    for office_id, at in changes.values_list("project__office_id", "at"):
        local = timezone.localtime(at)
        if local.year == year:
            note(office_id, local.month)
    for office_id, reached_on in stages.values_list("project__office_id", "reached_on"):
        note(office_id, reached_on.month)
    return months


def work_state(project: Project, until: date) -> str:
    """``done``, ``slipped``, ``on_time`` (something planned or reached, nothing late) or ``unplanned``."""
    reached = project.stage_dates()
    if any(stage in Project.DONE_STAGES and day <= until for stage, day in reached.items()):
        return ProjectStatus.DONE.value
    milestones = list(project.milestones.all())
    if any(milestone.is_slipped(until) for milestone in milestones):
        return ProjectStatus.SLIPPED.value
    if milestones or any(day <= until for day in reached.values()):
        return ProjectStatus.ON_TIME.value
    return "unplanned"


def works_states(targets, until_by_target: dict[int, date]) -> dict[int, str]:
    """The works provider registered with ``targets.counting``: the state of the real works linked to each target
    (all done → done; any slipped → slipped; any planned → on_time; else unplanned). Three queries."""
    projects = (
        Project.objects.filter(target_id__in=until_by_target, is_sample=False)
        .prefetch_related("stage_events", "milestones")
        .order_by("pk")
    )
    by_target: dict[int, list[str]] = {}
    for project in projects:
        by_target.setdefault(project.target_id, []).append(
            work_state(project, until_by_target[project.target_id])
        )
    states = {}
    for target_id, found in by_target.items():
        if all(state == ProjectStatus.DONE.value for state in found):
            states[target_id] = ProjectStatus.DONE.value
        elif ProjectStatus.SLIPPED.value in found:
            states[target_id] = ProjectStatus.SLIPPED.value
        elif any(state != "unplanned" for state in found):
            states[target_id] = ProjectStatus.ON_TIME.value
        else:
            states[target_id] = "unplanned"
    return states
