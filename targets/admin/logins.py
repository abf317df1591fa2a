"""The login log for admins: successes, failures (and which were refused by a lockout), the counts that lock,
each with its address. Deleting a lock (or the action 解除锁定) lets that user name or address log in again."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from targets.admin.readonly import ReadOnlyMixin
from targets.models import LoginFailure, LoginLock, LoginRecord

for model in (AccessAttempt, AccessFailureLog, AccessLog):
    if admin.site.is_registered(model):
        admin.site.unregister(model)  # shown below under Chinese names


@admin.register(LoginLock)
class LoginLockAdmin(admin.ModelAdmin):
    list_display = ["username", "ip_address", "failures", "locked", "attempt_time"]
    search_fields = ["username", "ip_address"]
    fields = ["username", "ip_address", "failures", "locked", "attempt_time", "user_agent"]
    readonly_fields = fields
    actions = ["unlock"]

    @admin.display(description=_("失败次数"), ordering="failures_since_start")
    def failures(self, attempt):
        return attempt.failures_since_start

    @admin.display(description=_("已锁定"), boolean=True)
    def locked(self, attempt):
        return attempt.failures_since_start >= settings.AXES_FAILURE_LIMIT

    @admin.action(description=_("解除锁定（清除所选的失败计数）"))
    def unlock(self, request, queryset):
        count = queryset.count()
        queryset.delete()
        messages.success(request, _("已解除 %(count)s 条锁定，可立即重新登录。") % {"count": count})

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(LoginRecord)
class LoginRecordAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["username", "ip_address", "attempt_time", "logout_time", "user_agent"]
    list_filter = ["attempt_time"]
    search_fields = ["username", "ip_address"]


@admin.register(LoginFailure)
class LoginFailureAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["username", "ip_address", "attempt_time", "locked_out", "user_agent"]
    list_filter = ["locked_out", "attempt_time"]
    search_fields = ["username", "ip_address"]
