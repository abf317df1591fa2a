"""Sentences for the monthly briefing (月度通报) about projects whose milestones slipped."""

from django.utils.translation import gettext as _

from projects.counting import RegisterReading
from targets.briefing import BriefingItem
from targets.progress import month_end


def slipped_projects(year: int, month: int, registers=None) -> list[str]:
    """One sentence per real project with milestones slipped as of the last day of ``month``, in name order;
    read from the page's reading of the register (``registers``, ``targets.counting``) when it has one."""
    until = month_end(year, month)
    reading = RegisterReading.of(registers, [])
    sentences = []
    for project, slipped in reading.slipped(until):
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


def briefing_items(year: int, month: int, registers=None) -> list[BriefingItem]:
    """The briefing's heading on projects, registered with ``targets.briefing``; nothing when none slipped."""
    sentences = slipped_projects(year, month, registers)
    if not sentences:
        return []
    return [BriefingItem(heading=_("重点项目滞后情况"), paragraphs=sentences, order=200)]
