"""The login log of django-axes under Chinese names, as the admin shows it (proxies: the tables are axes')."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.utils.translation import gettext_lazy as _


class LoginLock(AccessAttempt):
    """Failed logins counted per user name and address; at the limit they lock. Deleting one unlocks."""

    class Meta:
        proxy = True
        verbose_name = _("登录失败计数与锁定")
        verbose_name_plural = _("登录失败计数与锁定")


class LoginRecord(AccessLog):
    """Each successful login (and its logout), with the address."""

    class Meta:
        proxy = True
        verbose_name = _("登录记录")
        verbose_name_plural = _("登录记录")


class LoginFailure(AccessFailureLog):
    """Each failed login, with the address and whether it was refused by a lockout."""

    class Meta:
        proxy = True
        verbose_name = _("登录失败记录")
        verbose_name_plural = _("登录失败记录")
