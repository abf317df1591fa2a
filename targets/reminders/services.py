"""Sending: a daily run of the rules (``run``), a 催办 by hand (``chase``), and the retry of failed deliveries.

Every message lands in the recipient's inbox first, in its own transaction; each further channel is one
``Delivery`` row written before it is tried and updated after, so a channel that is down (or a crash half-way)
leaves a trace and never stops the others. The database constraints on ``Message``, ``Chase`` and ``Delivery``
make a second run for the same day, or a second click, send nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from targets import roles
from targets.entry.rows import deadline_of, period_of, today
from targets.entry.status import is_late, month_state
from targets.people import person_name
from targets.progress import month_end
from targets.reminders import channels
from targets.reminders.models import Channel, Chase, Delivery, Message, OfficeWebhook, ReminderSettings, Rule
from targets.reminders.rules import DONE, Notice, due_notices, office_staff

# A failed delivery is tried again by the next runs until it has been tried this many times.
MAX_ATTEMPTS = 5


class ChaseRefused(ValidationError):
    """A 催办 that cannot be sent (already chased today, nothing owed); ``messages[0]`` says why, in Chinese."""


@dataclass
class Report:
    """What a run did, for the command's output and the tests."""

    planned: list[tuple[Notice, object]] = field(
        default_factory=list
    )  # (notice, recipient or None for a group)
    messages: int = 0
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    retried: int = 0
    already: int = 0

    def count(self, delivery: Delivery) -> None:
        if delivery.outcome == Delivery.Outcome.SENT:
            self.sent += 1
        elif delivery.outcome == Delivery.Outcome.FAILED:
            self.failed += 1
        else:
            self.skipped += 1


def run(on: date, *, dry_run: bool = False) -> Report:
    """Apply every rule for the day ``on``; with ``dry_run``, only list what would be sent."""
    config = ReminderSettings.current()
    report = Report()
    retry_from = timezone.now()
    for notice in due_notices(on, config):
        for recipient in notice.recipients:
            if _already_told(notice, recipient, on):
                report.already += 1
                continue
            if dry_run:
                report.planned.append((notice, recipient))
                continue
            message = _store_message(notice, recipient, on)
            if message is None:  # another run got there first
                report.already += 1
                continue
            report.messages += 1
            report.planned.append((notice, recipient))
            for delivery in _deliver_message(message, config):
                report.count(delivery)
        if notice.to_group and config.webhook_enabled:
            webhook = _active_webhook(notice.office)
            if webhook is None:
                continue
            if dry_run:
                if not _group_told(notice, on):
                    report.planned.append((notice, None))
                continue
            delivery = _deliver_group(notice, on, webhook)
            if delivery is not None:
                report.planned.append((notice, None))
                report.count(delivery)
    if not dry_run:
        for delivery in retry_failed(before=retry_from):
            report.retried += 1
            report.count(delivery)
    return report


def may_be_chased(office, year: int, month: int, on: date | None = None) -> bool:
    """A month can be chased once it is over (or late) and not yet submitted or approved."""
    from targets.models import OfficeMonth

    on = on or today()
    current = OfficeMonth.objects.filter(office=office, year=year, month=month).first()
    state = month_state(current)
    if state in DONE:
        return False
    return month_end(year, month) < on or is_late(state, deadline_of(year, month, period_of(year, month)), on)


def chase(office, year: int, month: int, sender, note: str = "", on: date | None = None) -> Chase:
    """A leader's or an admin's 催办 of ``office``'s month: to its 填报员 by every channel, and its group.

    ``PermissionDenied`` for anyone else; ``ChaseRefused`` for a month that owes nothing or a second 催办 by the
    same person on the same day.
    """
    if not roles.may_chase(sender):
        raise PermissionDenied
    on = on or today()
    note = (note or "").strip()
    if len(note) > 500:
        raise ChaseRefused(_("附言不能超过 500 字。"))
    if not may_be_chased(office, year, month, on):
        raise ChaseRefused(
            _("%(office)s %(year)s年%(month)s月没有逾期或缺报，无需催办。")
            % {"office": office.name, "year": year, "month": month}
        )
    try:
        with transaction.atomic():
            record = Chase.objects.create(
                office=office, year=year, month=month, day=on, sender=sender, note=note
            )
    except IntegrityError as error:
        raise ChaseRefused(
            _("您今天已经催办过%(office)s %(year)s年%(month)s月，每人每天对同一单位同一月份只能催办一次。")
            % {"office": office.name, "year": year, "month": month}
        ) from error
    who = person_name(sender)
    names = {"who": who, "office": office.name, "year": year, "month": month}
    body = _("%(who)s 催办：请尽快填报并提交%(office)s %(year)s年%(month)s月的月度数据。") % names
    if note:
        body += "\n" + _("附言：%(note)s") % {"note": note}
    notice = Notice(
        Rule.MANUAL,
        office,
        year,
        month,
        office_staff(office),
        _("【催办】%(office)s %(year)s年%(month)s月数据（%(who)s）") % names,
        body,
        to_group=True,
    )
    config = ReminderSettings.current()
    for recipient in notice.recipients:
        message = _store_message(notice, recipient, on, chase=record)
        if message is not None:
            _deliver_message(message, config)
    webhook = _active_webhook(office) if config.webhook_enabled else None
    if webhook is not None:
        _deliver_group(notice, on, webhook, chase=record)
    return record


def retry_failed(before=None) -> list[Delivery]:
    """Try again each failed delivery (made before ``before``) that has not used up its attempts."""
    failed = Delivery.objects.filter(outcome=Delivery.Outcome.FAILED, attempts__lt=MAX_ATTEMPTS)
    if before is not None:
        failed = failed.filter(created_at__lt=before)
    done = []
    for delivery in failed.select_related("office", "message", "recipient").order_by("created_at", "id"):
        title = delivery.message.title if delivery.message_id else ""
        _attempt(delivery, title)
        done.append(delivery)
    return done


def _already_told(notice: Notice, recipient, on: date) -> bool:
    told = Message.objects.filter(
        rule=notice.rule,
        recipient=recipient,
        office=notice.office,
        year=notice.year,
        month=notice.month,
        chase__isnull=True,
    )
    if notice.since is not None:
        return told.filter(day__gte=notice.since).exists()
    return told.filter(day=on).exists()


def _group_told(notice: Notice, on: date) -> bool:
    return Delivery.objects.filter(
        rule=notice.rule,
        office=notice.office,
        year=notice.year,
        month=notice.month,
        day=on,
        channel=Channel.WEBHOOK,
        message__isnull=True,
        chase__isnull=True,
    ).exists()


def _store_message(notice: Notice, recipient, on: date, chase: Chase | None = None) -> Message | None:
    try:
        with transaction.atomic():
            return Message.objects.create(
                recipient=recipient,
                rule=notice.rule,
                chase=chase,
                office=notice.office,
                year=notice.year,
                month=notice.month,
                day=on,
                title=notice.title[:200],
                body=notice.body,
                link=notice.link,
            )
    except IntegrityError:
        return None


def _deliver_message(message: Message, config: ReminderSettings) -> list[Delivery]:
    """The inbox (already stored) and then e-mail and SMS, each logged; returns the deliveries."""
    common = {
        "message": message,
        "chase": message.chase,
        "rule": message.rule,
        "sender": message.chase.sender if message.chase_id else None,
        "recipient": message.recipient,
        "office": message.office,
        "year": message.year,
        "month": message.month,
        "day": message.day,
    }
    text = f"{message.body}\n{_absolute(message.link)}"
    deliveries = [
        Delivery.objects.create(
            **common,
            channel=Channel.INBOX,
            address=message.recipient.username,
            text=message.body,
            outcome=Delivery.Outcome.SENT,
            attempts=1,
            sent_at=timezone.now(),
        )
    ]
    wanted = []
    if config.email_enabled:
        wanted.append((Channel.EMAIL, message.recipient.email))
    if config.sms_enabled:
        profile = getattr(message.recipient, "profile", None)
        wanted.append((Channel.SMS, profile.phone if profile else ""))
    for channel, address in wanted:
        delivery = Delivery.objects.create(
            **common, channel=channel, address=address, text=text, outcome=Delivery.Outcome.FAILED
        )
        if not address:
            delivery.outcome = Delivery.Outcome.SKIPPED
            delivery.error = (
                _("收件人没有填写邮箱地址") if channel == Channel.EMAIL else _("收件人没有填写手机号")
            )
            delivery.save(update_fields=["outcome", "error"])
        else:
            _attempt(delivery, message.title)
        deliveries.append(delivery)
    return deliveries


def _deliver_group(
    notice: Notice, on: date, webhook: OfficeWebhook, chase: Chase | None = None
) -> Delivery | None:
    text = f"{notice.title}\n{notice.body}\n{_absolute(notice.link)}"
    try:
        with transaction.atomic():
            delivery = Delivery.objects.create(
                chase=chase,
                rule=notice.rule,
                sender=chase.sender if chase else None,
                office=notice.office,
                year=notice.year,
                month=notice.month,
                day=on,
                channel=Channel.WEBHOOK,
                address=webhook.masked_url,
                text=text,
                outcome=Delivery.Outcome.FAILED,
            )
    except IntegrityError:
        return None
    _attempt(delivery, notice.title)
    return delivery


def _attempt(delivery: Delivery, subject: str) -> None:
    """Try one delivery once through its channel and record the outcome; never raises a channel's error."""
    try:
        if delivery.channel == Channel.EMAIL:
            channels.send_email(delivery.address, subject, delivery.text)
        elif delivery.channel == Channel.SMS:
            channels.send_sms(delivery.address, delivery.text)
        elif delivery.channel == Channel.WEBHOOK:
            webhook = _active_webhook(delivery.office)
            if webhook is None:
                raise channels.ChannelError(_("该单位的群机器人已停用或删除"))
            channels.send_webhook(webhook.url, delivery.text)
        delivery.outcome, delivery.error = Delivery.Outcome.SENT, ""
    except channels.ChannelError as error:
        delivery.outcome, delivery.error = Delivery.Outcome.FAILED, str(error)
    except Exception as error:  # a broken backend must not stop the run: log it like any failure
        channels.logger.exception("delivery %s failed", delivery.pk)
        delivery.outcome, delivery.error = (
            Delivery.Outcome.FAILED,
            f"{error.__class__.__name__}: {error}"[:500],
        )
    delivery.attempts += 1
    delivery.sent_at = timezone.now()
    delivery.save(update_fields=["outcome", "error", "attempts", "sent_at"])


def _active_webhook(office) -> OfficeWebhook | None:
    return OfficeWebhook.objects.filter(office=office, is_active=True).first()


def _absolute(link: str) -> str:
    return settings.SITE_URL.rstrip("/") + link


def unread_count(user) -> int:
    """The user's unread messages: read with the user when they logged in through ``targets.backends``."""
    counted = getattr(user, "unread_messages", None)
    if counted is not None:
        return counted
    return Message.objects.filter(recipient=user, read_at__isnull=True).count()


def last_chased(year: int, offices=None) -> dict[tuple[int, int], Chase]:
    """The latest 催办 of each (office id, month) of ``year``, one query."""
    found = {}
    chases = Chase.objects.filter(year=year).select_related("sender").order_by("created_at", "id")
    if offices is not None:
        chases = chases.filter(office__in=offices)
    for record in chases:
        found[(record.office_id, record.month)] = record
    return found
