"""What a stored upload is, for both apps: ``targets.Evidence`` (佐证材料 of a month) and ``projects.Attachment``
(a photo or document of a weekly log entry). The file is checked by ``targets.uploads`` before it is saved."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from targets import uploads


class UploadedFile(models.Model):
    """A photo or document stored under MEDIA_ROOT with a random name (each subclass's ``file`` says where) and
    served only through a login-checked view; ``original_name`` is what the uploader called it."""

    class Kind(models.TextChoices):
        IMAGE = uploads.IMAGE, _("照片")
        DOCUMENT = uploads.DOCUMENT, _("文档")

    file = models.FileField(_("文件"))
    original_name = models.CharField(_("原文件名"), max_length=200)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    content_type = models.CharField(_("内容类型"), max_length=100)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, verbose_name=_("上传人")
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.original_name
