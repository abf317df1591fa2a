"""Reminder models: the rules' settings, an office's group robot, the inbox, manual 催办 and the delivery log.

They belong to the ``targets`` app (imported by ``targets.models``), so they share its migrations and the role
groups' permissions.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from targets.models.figures import MONTH_VALIDATORS
from targets.models.org import Office


class Rule(models.TextChoices):
    BEFORE = "before", _("临近提醒")
    DUE = "due", _("到期提醒")
    OVERDUE = "overdue", _("逾期催办")
    ESCALATE = "escalate", _("逾期督办")
    WARNING = "warning", _("欠序时预警")
    MANUAL = "manual", _("人工催办")


class Channel(models.TextChoices):
    INBOX = "inbox", _("站内消息")
    EMAIL = "email", _("电子邮件")
    SMS = "sms", _("短信")
    WEBHOOK = "webhook", _("群机器人")


class ReminderSettings(models.Model):
    """The one row of rule settings (``ReminderSettings.current()``); every rule is on by default."""

    before_enabled = models.BooleanField(_("临近提醒"), default=True)
    days_before = models.PositiveSmallIntegerField(
        _("提前天数"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_("截止日前几天提醒未提交的填报员"),
    )
    due_enabled = models.BooleanField(
        _("到期提醒"), default=True, help_text=_("截止日当天提醒未提交的填报员")
    )
    overdue_enabled = models.BooleanField(
        _("逾期催办"), default=True, help_text=_("截止日后每天催办未提交单位的填报员")
    )
    escalate_enabled = models.BooleanField(
        _("逾期督办"), default=True, help_text=_("逾期第二天起每天告知该单位的分管领导")
    )
    escalate_after_days = models.PositiveSmallIntegerField(
        _("逾期第几天起督办"), default=2, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    warning_enabled = models.BooleanField(
        _("欠序时预警"), default=True, help_text=_("月份审核通过后，把欠序时的“确保”目标告知其分管领导")
    )
    email_enabled = models.BooleanField(_("发送电子邮件"), default=True)
    sms_enabled = models.BooleanField(_("发送短信"), default=True)
    webhook_enabled = models.BooleanField(_("推送群机器人"), default=True)

    class Meta:
        verbose_name = _("提醒规则设置")
        verbose_name_plural = _("提醒规则设置")

    def __str__(self):
        return str(_("提醒规则设置"))

    @classmethod
    def current(cls) -> "ReminderSettings":
        found = cls.objects.order_by("pk").first()
        return found or cls.objects.create()


class OfficeWebhook(models.Model):
    """An office's 企业微信 or 钉钉 group robot. The URL carries the robot's key: it is a secret, shown masked."""

    class Kind(models.TextChoices):
        WECOM = "wecom", _("企业微信")
        DINGTALK = "dingtalk", _("钉钉")

    office = models.OneToOneField(
        Office, on_delete=models.CASCADE, related_name="webhook", verbose_name=_("科室/单位")
    )
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.WECOM)
    url = models.CharField(_("机器人地址"), max_length=500, help_text=_("群机器人的 Webhook 地址，含密钥"))
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("单位群机器人")
        verbose_name_plural = _("单位群机器人")

    def __str__(self):
        return f"{self.office} · {self.get_kind_display()}"

    def clean(self):
        if not is_web_address(self.url):
            raise ValidationError({"url": _("请填写以 http:// 或 https:// 开头的完整网址。")})

    @property
    def masked_url(self) -> str:
        return mask_address(self.url)


def is_web_address(text: str) -> bool:
    try:
        parts = urlsplit(text or "")
    except ValueError:
        return False
    return parts.scheme in {"http", "https"} and bool(parts.hostname) and not any(c.isspace() for c in text)


def mask_address(url: str) -> str:
    """``https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcd…`` → ``https://qyapi.weixin.qq.com/…（已隐藏）``."""
    try:
        parts = urlsplit(url or "")
        host = parts.hostname or ""
    except ValueError:
        host = ""
    if not host:
        return str(_("（已隐藏）"))
    return f"{parts.scheme}://{host}/…{_('（已隐藏）')}"


class Chase(models.Model):
    """A 催办 a leader or an admin sent by hand for an office-month: at most one per sender per day."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="chases", verbose_name=_("科室/单位")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    month = models.PositiveSmallIntegerField(_("月份"), validators=MONTH_VALIDATORS)
    day = models.DateField(_("日期"))
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="chases_sent",
        verbose_name=_("催办人"),
    )
    note = models.TextField(_("附言"), blank=True)
    created_at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("人工催办")
        verbose_name_plural = _("人工催办")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "year", "month", "day", "sender"], name="chase_once_per_sender_month_day"
            )
        ]

    def __str__(self):
        return f"{self.office} {self.year}年{self.month}月 · {self.sender} · {self.day}"


class Message(models.Model):
    """A message in someone's inbox (站内消息): one per rule, person, office-month and day."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="messages", verbose_name=_("收件人")
    )
    rule = models.CharField(_("规则"), max_length=10, choices=Rule.choices)
    chase = models.ForeignKey(
        Chase,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("人工催办"),
    )
    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="messages", verbose_name=_("科室/单位")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    month = models.PositiveSmallIntegerField(_("月份"), validators=MONTH_VALIDATORS)
    day = models.DateField(_("日期"))
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"))
    link = models.CharField(_("链接"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("发送时间"), default=timezone.now)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("站内消息")
        verbose_name_plural = _("站内消息")
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "recipient", "office", "year", "month", "day"],
                condition=Q(chase__isnull=True),
                name="message_once_per_rule_person_month_day",
            ),
            models.UniqueConstraint(
                fields=["chase", "recipient"], condition=Q(chase__isnull=False), name="message_once_per_chase"
            ),
        ]

    def __str__(self):
        return f"{self.recipient} · {self.title}"

    @property
    def sender(self):
        return self.chase.sender if self.chase_id else None


class Delivery(models.Model):
    """催办记录: one attempt to reach someone (or an office's group) through one channel, and how it went."""

    class Outcome(models.TextChoices):
        SENT = "sent", _("已发送")
        FAILED = "failed", _("失败")
        SKIPPED = "skipped", _("未发送")

    message = models.ForeignKey(
        Message,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deliveries",
        verbose_name=_("消息"),
    )
    chase = models.ForeignKey(
        Chase,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deliveries",
        verbose_name=_("人工催办"),
    )
    rule = models.CharField(_("规则"), max_length=10, choices=Rule.choices)
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("催办人"),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deliveries",
        verbose_name=_("收件人"),
    )
    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("科室/单位")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    month = models.PositiveSmallIntegerField(_("月份"), validators=MONTH_VALIDATORS)
    day = models.DateField(_("日期"))
    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    address = models.CharField(
        _("地址"), max_length=200, blank=True, help_text=_("邮箱、手机号或隐藏密钥的机器人地址")
    )
    text = models.TextField(_("发送内容"))
    outcome = models.CharField(_("结果"), max_length=10, choices=Outcome.choices)
    error = models.TextField(_("错误"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    sent_at = models.DateTimeField(_("最后尝试时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("催办记录")
        verbose_name_plural = _("催办记录")
        constraints = [
            models.UniqueConstraint(
                fields=["message", "channel"],
                condition=Q(message__isnull=False),
                name="delivery_once_per_message",
            ),
            models.UniqueConstraint(
                fields=["rule", "office", "year", "month", "day", "channel"],
                condition=Q(message__isnull=True, chase__isnull=True),
                name="delivery_group_once_per_rule_month_day",
            ),
            models.UniqueConstraint(
                fields=["chase", "channel"],
                condition=Q(message__isnull=True, chase__isnull=False),
                name="delivery_group_once_per_chase",
            ),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} {self.get_outcome_display()} · {self.office} {self.year}年{self.month}月"
