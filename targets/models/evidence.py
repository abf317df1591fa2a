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

from targets.models.figures import OfficeMonth
from targets.models.uploaded import UploadedFile


def evidence_path(instance, filename):
    # The stored name is ours, never the user's: the original name is kept in ``original_name`` for display.
    suffix = PurePosixPath(filename).suffix.lower()
    month = instance.office_month
    return f"evidence/{month.office_id}/{month.year}-{month.month:02d}/{uuid.uuid4().hex}{suffix}"


class Evidence(UploadedFile):
    office_month = models.ForeignKey(
        OfficeMonth, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("科室月度填报")
    )
    file = models.FileField(_("文件"), upload_to=evidence_path)
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

    def get_absolute_url(self):
        return reverse("targets:evidence", args=[self.pk])
