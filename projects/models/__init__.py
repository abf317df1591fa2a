"""The projects app's models: the register (projects and their stages), the work on them (milestones, the
weekly log with attachments and leaders' 批示, the change record) and the rules that count them for targets."""

from projects.models.register import Project, ProjectStatus, StageEvent
from projects.models.rules import CountRule
from projects.models.work import Attachment, ChangeRecord, Comment, LogEntry, Milestone

__all__ = [
    "Attachment",
    "ChangeRecord",
    "Comment",
    "CountRule",
    "LogEntry",
    "Milestone",
    "Project",
    "ProjectStatus",
    "StageEvent",
]
