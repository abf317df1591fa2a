"""Admin pages of reminders: the rules' settings, the offices' group robots (URL masked) and the 催办记录."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from targets.admin.audit import AuditedAdmin
from targets.admin.readonly import ReadOnlyMixin
from targets.models import AdminChange
from targets.reminders.models import (
    Chase,
    Delivery,
    Message,
    OfficeWebhook,
    ReminderSettings,
    is_web_address,
    mask_address,
)


@admin.register(ReminderSettings)
class ReminderSettingsAdmin(AuditedAdmin):
    list_display = [
        "__str__",
        "before_enabled",
        "days_before",
        "due_enabled",
        "overdue_enabled",
        "escalate_enabled",
        "warning_enabled",
    ]
    fieldsets = [
        (
            _("规则"),
            {
                "fields": [
                    "before_enabled",
                    "days_before",
                    "due_enabled",
                    "overdue_enabled",
                    "escalate_enabled",
                    "escalate_after_days",
                    "warning_enabled",
                ]
            },
        ),
        (_("渠道（站内消息总是发送）"), {"fields": ["email_enabled", "sms_enabled", "webhook_enabled"]}),
    ]

    def has_add_permission(self, request):
        return not ReminderSettings.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False


class WebhookForm(forms.ModelForm):
    """The robot's URL is a secret: never sent back to the browser; left blank, the stored one is kept."""

    url = forms.CharField(
        label=_("机器人地址"),
        required=False,
        max_length=500,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off", "size": 80}),
        help_text=_("群机器人的 Webhook 地址（含密钥），保存后不再显示；留空则保留原地址。"),
    )

    class Meta:
        model = OfficeWebhook
        fields = ["office", "kind", "url", "is_active"]

    def clean_url(self):
        url = self.cleaned_data.get("url", "").strip()
        if not url:
            if self.instance.pk and self.instance.url:
                return self.instance.url
            raise forms.ValidationError(_("请填写群机器人的 Webhook 地址。"))
        if not is_web_address(url):
            raise forms.ValidationError(_("请填写以 http:// 或 https:// 开头的完整网址。"))
        return url


@admin.register(OfficeWebhook)
class OfficeWebhookAdmin(AuditedAdmin):
    """Audited like every admin page, with the robot's URL masked in the audit too: it holds the key."""

    form = WebhookForm
    list_display = ["office", "kind", "masked_url", "is_active"]
    list_filter = ["kind", "is_active"]
    readonly_fields = ["masked_url"]
    fields = ["office", "kind", "masked_url", "url", "is_active"]

    @admin.display(description=_("当前地址"))
    def masked_url(self, obj):
        return obj.masked_url if obj and obj.pk else "—"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        label = str(OfficeWebhook._meta.get_field("url").verbose_name)
        for row in AdminChange.objects.filter(
            object_id=str(obj.pk), field=label, content_type__model="officewebhook"
        ):
            row.old_value = mask_address(row.old_value) if row.old_value else ""
            row.new_value = mask_address(row.new_value) if row.new_value else ""
            row.save(update_fields=["old_value", "new_value"])


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """催办记录: read-only; failures stand out and are retried by the next ``send_reminders`` run."""

    list_display = [
        "created_at",
        "rule",
        "sender",
        "recipient",
        "office",
        "year",
        "month",
        "channel",
        "address",
        "outcome",
        "attempts",
        "error",
    ]
    list_filter = ["outcome", "channel", "rule", "office", "day"]
    search_fields = ["recipient__username", "office__name", "error", "text"]
    date_hierarchy = "day"
    list_select_related = ["sender", "recipient", "office"]


@admin.register(Message)
class MessageAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["created_at", "recipient", "rule", "office", "year", "month", "title", "read_at"]
    list_filter = ["rule", "office", "day"]
    search_fields = ["recipient__username", "title"]
    list_select_related = ["recipient", "office"]


@admin.register(Chase)
class ChaseAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["created_at", "sender", "office", "year", "month", "note"]
    list_filter = ["office", "day"]
    list_select_related = ["sender", "office"]
