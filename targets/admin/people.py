"""Admin pages for offices and users: a user's office and title sit on the user's own page."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from targets.admin.audit import AuditedAdmin, record
from targets.models import AdminChange, ApiToken, BoardSettings, Office, Profile


@admin.register(Office)
class OfficeAdmin(AuditedAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    fields = ["office", "title", "phone"]


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class TownUserAdmin(AuditedAdmin, UserAdmin):
    inlines = [ProfileInline]
    list_display = ["username", "first_name", "office", "roles", "is_active", "last_login"]
    list_filter = ["groups", "is_active", "profile__office"]

    @admin.display(description=Profile._meta.get_field("office").verbose_name)
    def office(self, user):
        profile = getattr(user, "profile", None)
        return profile.office if profile and profile.office else "—"

    @admin.display(description="角色")
    def roles(self, user):
        return "、".join(group.name for group in user.groups.all())

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("profile__office").prefetch_related("groups")

    def log_change(self, request, obj, message):
        # The password page saves through its own form, not ``save_model``: keep that it was reset, not the hash.
        if request.path.rstrip("/").endswith("/password"):
            record(request, obj, AdminChange.Action.CHANGE, gettext("密码"), "", gettext("（已重设）")).save()
        return super().log_change(request, obj, message)


admin.site.unregister(Group)


@admin.register(Group)
class RoleGroupAdmin(AuditedAdmin, GroupAdmin):
    """The role groups (填报员, 领导, 管理员) and their permissions, each change recorded."""


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are issued with ``manage.py create_api_token`` (the secret is shown once there); here they are
    listed and revoked."""

    list_display = ["name", "user", "prefix", "created", "last_used", "is_active"]
    list_editable = ["is_active"]
    list_filter = ["is_active"]
    readonly_fields = ["name", "user", "prefix", "created", "last_used"]
    exclude = ["key_hash"]

    def has_add_permission(self, request):
        return False


@admin.register(BoardSettings)
class BoardSettingsAdmin(admin.ModelAdmin):
    """One row: the 亮灯 thresholds and the briefing's 发文机关 and 文号. Opening the list opens that row."""

    fieldsets = [
        (_("亮灯"), {"fields": ["red_gap", "ensure_behind_red"]}),
        (_("月度通报"), {"fields": ["issuer", "document_number"]}),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        BoardSettings.current().save()
        return redirect("admin:targets_boardsettings_change", 1)
