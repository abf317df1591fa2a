"""Every write to the register goes through one function here: all-or-nothing, and recorded (全程留痕).

Each function validates with the models' ``full_clean`` (so the rules hold whichever form or import calls it),
saves inside ``transaction.atomic`` and writes a ``ChangeRecord`` saying who changed what.
"""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from projects.models import Attachment, ChangeRecord, Comment, LogEntry, Milestone, Project, StageEvent
from targets.people import person_name

# The fields of a project a change record describes, in form order.
PROJECT_FIELDS = [
    "name",
    "kind",
    "category",
    "office",
    "responsible",
    "investment",
    "investment_unit",
    "year",
    "deadline",
    "description",
]
MILESTONE_FIELDS = ["name", "planned_on", "actual_on", "note"]
LOG_FIELDS = ["week_of", "progress", "problems", "coordination", "who_must_act"]


def display_value(instance, name: str) -> str:
    """A field's value as a person reads it: choice labels, names of related objects, plain decimals."""
    field = instance._meta.get_field(name)
    value = getattr(instance, name)
    if value is None or value == "":
        return _("（空）")
    if field.choices:
        return str(getattr(instance, f"get_{name}_display")())
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, date):
        return value.isoformat()
    if field.related_model is get_user_model():
        return person_name(value)
    return str(value)


def snapshot(instance, fields) -> dict[str, str]:
    return {name: display_value(instance, name) for name in fields}


def describe_changes(before: dict[str, str], instance, fields) -> str:
    """“投资额：5 → 6；完成时限：（空） → 2023-12-31”, for the fields whose displayed value changed."""
    parts = []
    for name in fields:
        after = display_value(instance, name)
        if before.get(name) != after:
            label = instance._meta.get_field(name).verbose_name
            parts.append(f"{label}：{before.get(name)} → {after}")
    return "；".join(parts)


def record(project, user, action, summary) -> ChangeRecord:
    return ChangeRecord.objects.create(project=project, actor=user, action=action, summary=summary)


@transaction.atomic
def save_project(project: Project, user, before: dict[str, str] | None) -> Project:
    """Save a new (``before`` is None) or edited project; ``before`` is ``snapshot`` taken before the edit."""
    project.full_clean()
    project.save()
    if before is None:
        record(project, user, ChangeRecord.Action.CREATE, _("新建项目“%(name)s”") % {"name": project.name})
    else:
        summary = describe_changes(before, project, PROJECT_FIELDS)
        if summary:
            record(project, user, ChangeRecord.Action.EDIT, summary)
    return project


@transaction.atomic
def set_stage(project: Project, stage: str, reached_on: date, user) -> StageEvent:
    """Record that ``project`` reached ``stage`` on ``reached_on`` (or correct that date)."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    event = StageEvent.objects.filter(project=project, stage=stage).first()
    old = event.reached_on if event else None
    event = event or StageEvent(project=project, stage=stage)
    event.reached_on = reached_on
    event.full_clean()
    event.save()
    values = {"stage": event.get_stage_display(), "date": reached_on.isoformat()}
    if old is None:
        summary = _("进入“%(stage)s”阶段，日期 %(date)s") % values
    else:
        summary = _("“%(stage)s”阶段日期：%(old)s → %(date)s") % {**values, "old": old.isoformat()}
    record(project, user, ChangeRecord.Action.STAGE, summary)
    project.save(update_fields=["updated_at"])
    return event


@transaction.atomic
def save_milestone(milestone: Milestone, user, before: dict[str, str] | None) -> Milestone:
    milestone.full_clean()
    milestone.save()
    if before is None:
        summary = _("新增时间节点“%(name)s”，计划 %(planned)s") % {
            "name": milestone.name,
            "planned": milestone.planned_on.isoformat(),
        }
    else:
        changes = describe_changes(before, milestone, MILESTONE_FIELDS)
        if not changes:
            return milestone
        summary = _("时间节点“%(name)s”：%(changes)s") % {"name": milestone.name, "changes": changes}
    record(milestone.project, user, ChangeRecord.Action.MILESTONE, summary)
    return milestone


@transaction.atomic
def save_log_entry(entry: LogEntry, user, before: dict[str, str] | None, files=()) -> LogEntry:
    """Save a weekly log entry and its new attachments (already checked by ``projects.uploads``)."""
    if before is None:
        entry.author = user
    # The author is whoever first wrote the entry, set here and never typed; generated 示例数据 entries have none,
    # and editing one must not fail on it.
    entry.full_clean(exclude=["author"])
    entry.save()
    if before is None:
        record(
            entry.project,
            user,
            ChangeRecord.Action.LOG,
            _("填写 %(week)s 每周调度") % {"week": entry.week_of},
        )
    else:
        changes = describe_changes(before, entry, LOG_FIELDS)
        if changes:
            record(
                entry.project,
                user,
                ChangeRecord.Action.LOG,
                _("修改 %(week)s 每周调度：%(changes)s") % {"week": entry.week_of, "changes": changes},
            )
    stored = []
    try:
        for upload, kind, content_type in files:
            stored.append(_store_attachment(entry, upload, kind, content_type, user))
    except Exception:
        # The rows roll back with the transaction; the files written so far must go with them.
        for attachment in stored:
            attachment.file.storage.delete(attachment.file.name)
        raise
    return entry


def _store_attachment(entry, upload, kind, content_type, user) -> Attachment:
    attachment = Attachment(
        log_entry=entry,
        original_name=upload.name[:200],
        kind=kind,
        content_type=content_type,
        size=upload.size,
        uploaded_by=user,
    )
    attachment.file.save(upload.name, upload, save=False)
    try:
        attachment.save()
        record(
            entry.project,
            user,
            ChangeRecord.Action.ATTACHMENT,
            _("为 %(week)s 每周调度上传附件“%(name)s”")
            % {"week": entry.week_of, "name": attachment.original_name},
        )
    except Exception:
        attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


@transaction.atomic
def add_comment(entry: LogEntry, text: str, user) -> Comment:
    comment = Comment(log_entry=entry, text=text, author=user)
    comment.full_clean()
    comment.save()
    record(
        entry.project,
        user,
        ChangeRecord.Action.COMMENT,
        _("对 %(week)s 每周调度批示：%(text)s") % {"week": entry.week_of, "text": text},
    )
    return comment
