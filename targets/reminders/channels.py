"""How a message leaves the building: e-mail, SMS, an office's group robot. The inbox needs no channel.

Each ``send_*`` function either returns (sent) or raises ``ChannelError`` with a message for the delivery log;
the caller (``targets.reminders.services``) records the outcome and carries on with the next channel.

- E-mail goes through Django's e-mail framework (``EMAIL_*`` settings, read from the environment).
- SMS goes through the backend named by ``settings.SMS_BACKEND``: any class with ``send(phone, text)`` that
  raises on failure. The default, ``LoggingSmsBackend``, only writes the message to the log; a provider's
  backend is plugged in by that setting alone.
- 企业微信 and 钉钉 group robots both take ``{"msgtype": "text", "text": {"content": …}}`` as a JSON POST and
  answer ``{"errcode": 0, …}`` when they accept it. A POST is tried ``1 + REMINDER_WEBHOOK_RETRIES`` times,
  each with a timeout of ``REMINDER_WEBHOOK_TIMEOUT`` seconds.
"""

import json
import logging
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from targets.reminders.models import is_web_address

logger = logging.getLogger("targets.reminders")


class ChannelError(Exception):
    """A channel could not deliver; ``str(error)`` is what the delivery log shows."""


def send_email(address: str, subject: str, text: str) -> None:
    if not address:
        raise ChannelError(_("收件人没有填写邮箱地址"))
    try:
        sent = send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [address], fail_silently=False)
    except Exception as error:  # SMTP refusals, connection errors, bad addresses: all logged, none fatal
        raise ChannelError(_("邮件发送失败：%(error)s") % {"error": _describe(error)}) from error
    if not sent:
        raise ChannelError(_("邮件服务器未接收这封邮件"))


class LoggingSmsBackend:
    """The default SMS backend: writes each message to the log and sends nothing."""

    def send(self, phone: str, text: str) -> None:
        logger.info("SMS to %s: %s", phone, text)


def sms_backend():
    return import_string(settings.SMS_BACKEND)()


def send_sms(phone: str, text: str) -> None:
    if not phone:
        raise ChannelError(_("收件人没有填写手机号"))
    try:
        sms_backend().send(phone, text)
    except Exception as error:
        raise ChannelError(_("短信发送失败：%(error)s") % {"error": _describe(error)}) from error


def send_webhook(url: str, text: str) -> None:
    """POST ``text`` to a group robot, with a timeout and retries; ``ChannelError`` once every try failed."""
    if not is_web_address(url):
        raise ChannelError(_("群机器人地址不是有效的网址"))
    body = json.dumps({"msgtype": "text", "text": {"content": text}}, ensure_ascii=False).encode()
    tries = 1 + max(0, settings.REMINDER_WEBHOOK_RETRIES)
    problem = ""
    for attempt in range(tries):
        if attempt:
            time.sleep(settings.REMINDER_WEBHOOK_BACKOFF * attempt)
        try:
            _post(url, body)
            return
        except ChannelError as error:
            problem = str(error)
            logger.warning("webhook attempt %s of %s failed: %s", attempt + 1, tries, problem)
    raise ChannelError(
        _("群机器人推送失败（共尝试 %(tries)s 次）：%(error)s") % {"tries": tries, "error": problem}
    )


def _post(url: str, body: bytes) -> None:
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.REMINDER_WEBHOOK_TIMEOUT) as response:  # noqa: S310
            answer = response.read(65536)
    except urllib.error.HTTPError as error:
        raise ChannelError(_("服务器返回 HTTP %(status)s") % {"status": error.code}) from error
    except TimeoutError as error:
        raise ChannelError(_("连接超时")) from error
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError):
            raise ChannelError(_("连接超时")) from error
        raise ChannelError(_("无法连接：%(error)s") % {"error": _describe(reason)}) from error
    try:
        payload = json.loads(answer or b"{}")
    except ValueError:
        return  # a robot that answers 2xx without JSON has taken the message
    if isinstance(payload, dict) and payload.get("errcode", 0) not in (0, "0"):
        raise ChannelError(
            _("机器人拒收：errcode %(code)s %(message)s")
            % {"code": payload.get("errcode"), "message": str(payload.get("errmsg", ""))[:200]}
        )


def _describe(error) -> str:
    text = str(error).strip() or error.__class__.__name__
    return text[:300]
