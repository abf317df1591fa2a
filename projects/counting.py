"""Counting projects for count targets: the register reader ``targets.counting`` calls, and the list behind it.

The rules themselves (category, minimum investment, stage, window, currencies) are documented on
``projects.models.rules.CountRule``. ``超5亿元`` is read as "at least 5亿元", the town's usage.

``RegisterReading`` is what the dashboard, the target page, the API and the briefing use: two queries (the rules
of the targets asked about; every real project with its stage days, time nodes and the months it changed, as
arrays) whatever the number of targets, months or projects, matched in Python by ``counted_on``, the one rule it
and the per-target ``counted_projects`` apply. It also answers when an office's register changed (so a counted
target is judged only when its register was kept) and how the works linked to a milestone target stand (so its
status comes from their time nodes and stages instead of a typed figure). Sample projects (``is_sample``) never
count and keep no register.
"""

from datetime import date
from functools import cached_property

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef
from django.db.models.functions import ExtractMonth, ExtractYear

from projects.models import ChangeRecord, CountRule, Milestone, Project, ProjectStatus, StageEvent


def rule_for(target) -> CountRule | None:
    return CountRule.objects.select_related("target").filter(target=target).first()


def counted_on(rule: CountRule, project: Project, reached: dict[str, date], until: date) -> date | None:
    """The day ``project`` counts for ``rule`` by ``until``, or ``None`` when it does not count.

    ``reached`` is stage → the day the project reached it. The day is the first on which the project reached the
    rule's stage (or a later one, if it skipped it); it must fall inside the rule's window, cut at ``until``.
    """
    if project.is_sample or not reached:
        return None
    if rule.category and project.category != rule.category:
        return None
    start, end = rule.period()
    end = min(end, until)
    sequence = set(rule.stage_sequence())
    days = [day for stage, day in reached.items() if stage in sequence]
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


class RegisterReading:
    """The real projects' register as ``targets`` asks about it (``targets.counting.register_reader``): read once
    for a page, in two queries whatever the number of targets, months or projects (the rules of the targets
    asked about; every real project with its stage days, time nodes and the months it changed, as arrays), then
    answering ``counts``, ``activity`` and ``works`` for any target, day or month without another query.

    Sample projects (``is_sample``) are never read: they count for nothing and keep no register.
    """

    def __init__(self, targets):
        self.targets = {target.pk: target for target in targets}

    @classmethod
    def of(cls, registers, targets) -> "RegisterReading":
        """The reading among ``registers`` (``targets.counting.Registers``, a page's, or ``None``), else a new
        one for ``targets``: a panel or briefing item asks what the page has read already."""
        readings = registers.readings if registers is not None else []
        return next((reading for reading in readings if isinstance(reading, cls)), None) or cls(targets)

    @cached_property
    def rules(self) -> dict[int, CountRule]:
        rules = {rule.target_id: rule for rule in CountRule.objects.filter(target_id__in=self.targets)}
        for rule in rules.values():
            rule.target = self.targets[
                rule.target_id
            ]  # the caller's target: no query for its year and deadline
        return rules

    @cached_property
    def projects(self) -> list[Project]:
        stages = StageEvent.objects.filter(project=OuterRef("pk")).order_by("pk")
        milestones = Milestone.objects.filter(project=OuterRef("pk")).order_by("pk")
        changes = ChangeRecord.objects.filter(project=OuterRef("pk"))
        projects = list(
            Project.objects.filter(is_sample=False)
            .select_related("office")
            .annotate(
                stage_list=ArraySubquery(stages.values("stage")),
                stage_days=ArraySubquery(stages.values("reached_on")),
                milestone_ids=ArraySubquery(milestones.values("pk")),
                milestone_names=ArraySubquery(milestones.values("name")),
                planned_days=ArraySubquery(milestones.values("planned_on")),
                actual_days=ArraySubquery(milestones.values("actual_on")),
                # year × 100 + month of each change, in the town's time zone
                change_months=ArraySubquery(
                    changes.annotate(ym=ExtractYear("at") * 100 + ExtractMonth("at")).values("ym").distinct()
                ),
            )
            .order_by("pk")
        )
        for project in projects:
            project.reached = dict(zip(project.stage_list, project.stage_days, strict=True))
            project.milestone_list = [
                Milestone(pk=pk, project=project, name=name, planned_on=planned, actual_on=actual)
                for pk, name, planned, actual in zip(
                    project.milestone_ids,
                    project.milestone_names,
                    project.planned_days,
                    project.actual_days,
                    strict=True,
                )
            ]
        return projects

    def counts(self, until_by_target: dict[int, date]) -> dict[int, int]:
        """{target id: how many real projects count for it by its day}, for the targets with a rule."""
        return {
            target_id: sum(
                counted_on(rule, project, project.reached, until_by_target[target_id]) is not None
                for project in self.projects
            )
            for target_id, rule in self.rules.items()
            if target_id in until_by_target
        }

    def slipped(self, until: date) -> list[tuple[Project, list[Milestone]]]:
        """Each real project with time nodes slipped on ``until`` (past their planned day, not done by then), by
        name, with those nodes by planned day (``Milestone.slipped``'s rule)."""
        found = []
        for project in sorted(self.projects, key=lambda project: (project.name, project.pk)):
            late = [milestone for milestone in project.milestone_list if milestone.is_slipped(until)]
            if late:
                found.append(
                    (project, sorted(late, key=lambda milestone: (milestone.planned_on, milestone.pk)))
                )
        return found

    def counted(self, target_id: int, until: date) -> list[Project]:
        """The real projects that count for the target by ``until``, by name, each with its ``counted_on`` day
        (empty when the target has no rule)."""
        rule = self.rules.get(target_id)
        counted = []
        for project in self.projects if rule else []:
            day = counted_on(rule, project, project.reached, until)
            if day is not None:
                project.counted_on = day
                counted.append(project)
        return sorted(counted, key=lambda project: project.name)

    def activity(self, office_ids, year: int) -> dict[int | None, set[int]]:
        """The months of ``year`` in which each office's real projects changed (a change recorded, or a stage
        reached that month), by office id; ``None`` among ``office_ids`` asks about any office's."""
        office_ids = set(office_ids)
        months: dict[int | None, set[int]] = {}
        for project in self.projects:
            found = {ym % 100 for ym in project.change_months if ym // 100 == year}
            found |= {day.month for day in project.reached.values() if day.year == year}
            if not found:
                continue
            if project.office_id in office_ids:
                months.setdefault(project.office_id, set()).update(found)
            if None in office_ids:
                months.setdefault(None, set()).update(found)
        return months

    def works(self, until_by_target: dict[int, date]) -> dict[int, str]:
        """The state of the real works linked to each target (all done → done; any slipped → slipped; any
        planned → on_time; else unplanned), for the targets linked to a work."""
        by_target: dict[int, list[str]] = {}
        for project in self.projects:
            if project.target_id in until_by_target:
                until = until_by_target[project.target_id]
                by_target.setdefault(project.target_id, []).append(
                    work_state(project.reached, project.milestone_list, until)
                )
        return {target_id: combined_state(found) for target_id, found in by_target.items()}


def carry_count_rules(pairs) -> None:
    """``start_year``'s carrier: each carried target counted from the register last year gets the same rule."""
    rules = {
        rule.target_id: rule for rule in CountRule.objects.filter(target_id__in=[old.pk for old, _ in pairs])
    }
    carried = []
    for old, new in pairs:
        rule = rules.get(old.pk)
        if rule is not None:
            rule.pk, rule.target = None, new  # a copy of every field, for the new year's target
            carried.append(rule)
    CountRule.objects.bulk_create(carried)


def count_projects_batch(targets, until_by_target: dict[int, date]) -> dict[int, int]:
    """{target id: count} for the targets of ``targets`` with a rule, in two queries (one when none has a rule)."""
    reading = RegisterReading([target for target in targets if target.pk in until_by_target])
    if not reading.rules:
        return {}
    return reading.counts(until_by_target)


def register_activity(office_ids, year: int) -> dict[int | None, set[int]]:
    """``RegisterReading.activity`` on its own (one query)."""
    return RegisterReading([]).activity(office_ids, year)


def work_state(reached: dict[str, date], milestones: list[Milestone], until: date) -> str:
    """``done``, ``slipped``, ``on_time`` (something planned or reached, nothing late) or ``unplanned``, for a
    project that reached ``reached`` (stage → day) with time nodes ``milestones``."""
    if any(stage in Project.DONE_STAGES and day <= until for stage, day in reached.items()):
        return ProjectStatus.DONE.value
    if any(milestone.is_slipped(until) for milestone in milestones):
        return ProjectStatus.SLIPPED.value
    if milestones or any(day <= until for day in reached.values()):
        return ProjectStatus.ON_TIME.value
    return "unplanned"


def combined_state(found: list[str]) -> str:
    if all(state == ProjectStatus.DONE.value for state in found):
        return ProjectStatus.DONE.value
    if ProjectStatus.SLIPPED.value in found:
        return ProjectStatus.SLIPPED.value
    if any(state != "unplanned" for state in found):
        return ProjectStatus.ON_TIME.value
    return "unplanned"


def works_states(targets, until_by_target: dict[int, date]) -> dict[int, str]:
    """``RegisterReading.works`` on its own (one query)."""
    return RegisterReading(targets).works(until_by_target)
