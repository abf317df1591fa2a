"""Offices (科室/单位) and which office a user works for."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Office(models.Model):
    name = models.CharField(_("名称"), max_length=60, unique=True)
    order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("科室/单位")
        verbose_name_plural = _("科室/单位")

    def __str__(self):
        return self.name


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile", verbose_name=_("用户")
    )
    office = models.ForeignKey(
        Office,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("所属科室/单位"),
    )
    title = models.CharField(_("职务"), max_length=60, blank=True)
    phone = models.CharField(
        _("手机号"), max_length=20, blank=True, help_text=_("接收短信提醒；不填则不发短信")
    )

    class Meta:
        verbose_name = _("用户资料")
        verbose_name_plural = _("用户资料")

    def __str__(self):
        return f"{self.user} ({self.office or '-'})"
