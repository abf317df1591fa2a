"""The admin's view of the register: projects with their stages and milestones, logs, and the count rules."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from projects import services
from projects.models import (
    Attachment,
    ChangeRecord,
    Comment,
    CountRule,
    LogEntry,
    Milestone,
    Project,
    StageEvent,
)
from targets.admin.audit import AuditedAdmin
from targets.admin.readonly import person_column


class StageEventInline(admin.TabularInline):
    model = StageEvent
    extra = 0


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "category",
        "office",
        "investment",
        "investment_unit",
        "year",
        "is_sample",
    ]
    list_filter = ["kind", "category", "office", "year", "is_sample"]
    search_fields = ["name", "description", "quote"]
    inlines = [StageEventInline, MilestoneInline]

    def save_model(self, request, obj, form, change):
        # Admin edits leave the same trace as edits on the site (inline stages and nodes: Django's admin history).
        before = None
        if change:
            before = services.snapshot(Project.objects.get(pk=obj.pk), services.PROJECT_FIELDS)
        services.save_project(obj, request.user, before=before)


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = ["original_name", "kind", "content_type", "size", "uploaded_by", "uploaded_at"]
    fields = readonly_fields


class CommentInline(admin.TabularInline):
    model = Comment
    extra = 0


@admin.register(LogEntry)
class LogEntryAdmin(admin.ModelAdmin):
    list_display = ["project", "week_of", "author_name"]
    list_filter = ["project__office"]
    inlines = [AttachmentInline, CommentInline]
    author_name = person_column("author", _("填写人"))


@admin.register(CountRule)
class CountRuleAdmin(AuditedAdmin):
    list_display = ["target", "category", "min_investment", "min_investment_unit", "stage", "window"]


@admin.register(ChangeRecord)
class ChangeRecordAdmin(admin.ModelAdmin):
    """Read-only: the trace of who changed what is never edited."""

    list_display = ["at", "project", "actor_name", "action", "summary"]
    list_filter = ["action"]
    actor_name = person_column("actor", _("操作人"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
