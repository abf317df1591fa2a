"""An uploaded month's sheet waiting for the person to confirm it, kept here rather than in the session.

A sheet may have 2,000 rows of long texts: kept in the session it would travel with every request of that
person (and did: a 2.3 MB session row). The session holds only the random ``token`` of this row; the row belongs
to the user who uploaded it and is deleted when confirmed or after a day.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KEPT_FOR = timedelta(days=1)


def new_token() -> str:
    return secrets.token_urlsafe(24)


class PendingImport(models.Model):
    token = models.CharField(_("凭据"), max_length=64, unique=True, default=new_token, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name=_("上传人"))
    office = models.ForeignKey("targets.Office", on_delete=models.CASCADE, verbose_name=_("单位"))
    year = models.PositiveSmallIntegerField(_("年度"))
    month = models.PositiveSmallIntegerField(_("月份"))
    version = models.PositiveIntegerField(_("文件版本"), null=True, blank=True)
    filename = models.CharField(_("文件名"), max_length=120, blank=True)
    lines = models.JSONField(_("读出的行"), default=list)
    created = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("待确认的导入")
        verbose_name_plural = _("待确认的导入")

    def __str__(self):
        return f"{self.office} {self.year}-{self.month:02d} {self.filename}"

    @classmethod
    def forget_old(cls) -> None:
        cls.objects.filter(created__lt=timezone.now() - KEPT_FOR).delete()
