"""Admin pages for entry periods and, read-only, for figures and their history.

Figures are entered, approved and restored through the monthly form, which records every change; the admin shows
them but does not edit them, so no change can bypass that history.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from targets.admin.audit import AuditedAdmin
from targets.admin.readonly import ReadOnlyMixin, person_column
from targets.models import Evidence, Figure, FigureChange, OfficeMonth, OfficeMonthEvent, Period


@admin.register(Period)
class PeriodAdmin(AuditedAdmin):
    list_display = ["__str__", "deadline", "is_open"]
    list_editable = ["is_open"]
    list_filter = ["year", "is_open"]


class FigureChangeInline(ReadOnlyMixin, admin.TabularInline):
    model = FigureChange
    extra = 0
    fields = [
        "changed_at",
        "changed_by_name",
        "source",
        "old_value",
        "new_value",
        "old_note",
        "new_note",
        "comment",
    ]
    readonly_fields = fields
    changed_by_name = person_column("changed_by", _("修改人"))


@admin.register(Figure)
class FigureAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["indicator", "year", "month", "value", "is_sample", "updated_by_name", "updated_at"]
    list_filter = ["year", "month", "is_sample", "indicator__office"]
    search_fields = ["indicator__name"]
    list_select_related = ["indicator", "updated_by"]
    inlines = [FigureChangeInline]
    updated_by_name = person_column("updated_by", _("填报人"))


class OfficeMonthEventInline(ReadOnlyMixin, admin.TabularInline):
    model = OfficeMonthEvent
    extra = 0
    fields = ["at", "action", "actor_name", "comment"]
    readonly_fields = fields
    actor_name = person_column("actor", _("操作人"))


@admin.register(OfficeMonth)
class OfficeMonthAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["office", "year", "month", "state", "updated_at"]
    list_filter = ["year", "month", "state", "office"]
    inlines = [OfficeMonthEventInline]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """佐证材料 are listed here; files are opened through the login-checked view, never a public URL."""

    list_display = [
        "original_name",
        "office_month",
        "kind",
        "size",
        "uploaded_by_name",
        "uploaded_at",
        "removed_by_name",
        "removed_at",
    ]
    list_filter = ["kind", "office_month__office", ("removed_at", admin.EmptyFieldListFilter)]
    exclude = ["file"]
    uploaded_by_name = person_column("uploaded_by", _("上传人"))
    removed_by_name = person_column("removed_by", _("删除人"))
