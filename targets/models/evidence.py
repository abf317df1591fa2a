"""佐证材料: photos and documents that back an office's month, shown to the leader who approves it.

Checked like the projects' log uploads (``targets.uploads``), stored under MEDIA_ROOT with a random name and
served only to logged-in users who may read the office's month (``targets.views.evidence``). Staff remove a
wrong file while the month is open; it is hidden from the month and logged, never erased (admins still see it).
"""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from targets import uploads
from targets.models.figures import OfficeMonth


def evidence_path(instance, filename):
    # The stored name is ours, never the user's: the original name is kept in ``original_name`` for display.
    suffix = PurePosixPath(filename).suffix.lower()
    month = instance.office_month
    return f"evidence/{month.office_id}/{month.year}-{month.month:02d}/{uuid.uuid4().hex}{suffix}"


class Evidence(models.Model):
    class Kind(models.TextChoices):
        IMAGE = uploads.IMAGE, _("照片")
        DOCUMENT = uploads.DOCUMENT, _("文档")

    office_month = models.ForeignKey(
        OfficeMonth, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("科室月度填报")
    )
    file = models.FileField(_("文件"), upload_to=evidence_path)
    original_name = models.CharField(_("原文件名"), max_length=200)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    content_type = models.CharField(_("内容类型"), max_length=100)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, verbose_name=_("上传人")
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    # Removed by staff while the month was open: hidden from the month, kept (file too) for the admins.
    removed_at = models.DateTimeField(_("删除时间"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("删除人"),
    )

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("佐证材料")
        verbose_name_plural = _("佐证材料")

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("targets:evidence", args=[self.pk])
