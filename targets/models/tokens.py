"""Tokens other systems use to write figures through the API (``Authorization: Bearer <token>``).

Only a SHA-256 hash of a token is stored; the token itself is shown once when it is made
(``manage.py create_api_token``). A token acts as its user, with that user's role and office.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("用户")
    )
    name = models.CharField(_("名称"), max_length=80, help_text=_("哪个系统使用，如“统计局报送系统”"))
    key_hash = models.CharField(_("令牌摘要"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("令牌前缀"), max_length=8, editable=False)
    created = models.DateTimeField(_("创建时间"), auto_now_add=True)
    last_used = models.DateTimeField(_("最近使用"), null=True, blank=True)
    is_active = models.BooleanField(_("有效"), default=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, user, name: str) -> tuple["ApiToken", str]:
        """A new token for ``user``: the saved row and the secret, which is not kept anywhere."""
        secret = secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, key_hash=hash_token(secret), prefix=secret[:8])
        return token, secret

    @classmethod
    def authenticate(cls, secret: str):
        """The active token's user for ``secret``, or ``None``; records when it was last used."""
        if not secret or len(secret) > 200:
            return None
        token = cls.objects.select_related("user").filter(key_hash=hash_token(secret), is_active=True).first()
        if token is None or not token.user.is_active:
            return None
        cls.objects.filter(pk=token.pk).update(last_used=timezone.now())
        return token.user
