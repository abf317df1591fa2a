"""Login throttling (django-axes): after ``AXES_FAILURE_LIMIT`` failed logins for one user name or from one
address within ``AXES_COOLOFF_TIME``, logins are refused until that time has passed since the last failure.

Every attempt is logged by axes (success and lockout in 登录记录 / 访问记录, failures in 登录失败记录, each with
the address); an admin reads them in the admin and unlocks a user or an address by deleting its failure record
(or with ``manage.py axes_reset_username NAME`` / ``axes_reset_ip ADDRESS``).
"""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone


class LoginThrottleBackend(AxesStandaloneBackend):
    """Axes' check before the password is tried; ``authenticate`` without a request (a management command, the
    test client's ``login``) is no login over the web and is not throttled."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def locked_out(request, original_response=None, credentials=None):
    """The login page again, saying in Chinese why the login is refused and from when it may be retried."""
    retry_at = timezone.localtime(timezone.now() + settings.AXES_COOLOFF_TIME)
    context = {
        "locked_out": True,
        "retry_at": retry_at,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    return render(request, "registration/locked_out.html", context, status=429)
