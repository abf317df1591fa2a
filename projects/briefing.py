"""Sentences for the monthly briefing (月度通报) about projects whose milestones slipped."""

from django.utils.translation import gettext as _

from projects.models import Milestone
from targets.briefing import BriefingItem
from targets.progress import month_end


def slipped_projects(year: int, month: int) -> list[str]:
    """One sentence per real project with milestones slipped as of the last day of ``month``, in name order."""
    until = month_end(year, month)
    milestones = (
        Milestone.objects.slipped(until)
        .filter(project__is_sample=False)
        .select_related("project", "project__office")
        .order_by("project__name", "planned_on", "id")
    )
    by_project: dict = {}
    for milestone in milestones:
        by_project.setdefault(milestone.project, []).append(milestone)
    sentences = []
    for project, slipped in by_project.items():
        nodes = "、".join(
            _("“%(name)s”（计划%(planned)s完成，滞后%(days)s天）")
            % {
                "name": milestone.name,
                "planned": f"{milestone.planned_on.month}月{milestone.planned_on.day}日",
                "days": milestone.days_late(until),
            }
            for milestone in slipped
        )
        office = project.office.name if project.office else _("未指定责任单位")
        sentences.append(
            _("截至%(month)s月底，%(project)s（%(office)s）有%(count)s个时间节点滞后：%(nodes)s。")
            % {
                "month": month,
                "project": project.name,
                "office": office,
                "count": len(slipped),
                "nodes": nodes,
            }
        )
    return sentences


def briefing_items(year: int, month: int) -> list[BriefingItem]:
    """The briefing's heading on projects, registered with ``targets.briefing``; nothing when none slipped."""
    sentences = slipped_projects(year, month)
    if not sentences:
        return []
    return [BriefingItem(heading=_("重点项目滞后情况"), paragraphs=sentences, order=200)]
