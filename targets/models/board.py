"""The board's own settings, one row an admin edits: the 亮灯 thresholds and the 月度通报's 公文 header."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class BoardSettings(models.Model):
    """A singleton (``BoardSettings.current()``); the defaults are the town's usual practice.

    亮灯 (see ``targets.lights``): green at or ahead of 序时; yellow behind by less than ``red_gap`` points; red
    behind by ``red_gap`` points or more, or missed, or (with ``ensure_behind_red``) any 确保 target behind.
    """

    red_gap = models.DecimalField(
        _("红灯差距（百分点）"),
        max_digits=5,
        decimal_places=1,
        default=Decimal(5),
        validators=[MinValueValidator(Decimal("0.1"))],
        help_text=_("落后序时达到这么多个百分点亮红灯，不足则亮黄灯。"),
    )
    ensure_behind_red = models.BooleanField(
        _("“确保”目标落后即亮红灯"), default=True, help_text=_("“确保”类目标只要落后序时就亮红灯。")
    )
    issuer = models.CharField(_("发文机关"), max_length=60, default="正余镇人民政府")
    document_number = models.CharField(
        _("文号"),
        max_length=60,
        blank=True,
        help_text=_("月度通报的文号，如“正政督〔2023〕6号”；留空则不显示。"),
    )

    class Meta:
        verbose_name = _("看板设置")
        verbose_name_plural = _("看板设置")

    def __str__(self):
        return str(_("看板设置"))

    def save(self, *args, **kwargs):
        self.pk = 1  # one row only
        super().save(*args, **kwargs)

    @classmethod
    def current(cls) -> "BoardSettings":
        """The saved settings, or the defaults (unsaved) before an admin has changed anything: no query writes."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)
