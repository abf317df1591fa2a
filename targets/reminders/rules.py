"""The reminder rules: on a given date, who is to be told what about which office-month (see the package doc).

``due_notices(on, config)`` reads the database and returns ``Notice`` objects; it writes nothing and sends
nothing, so ``send_reminders --dry-run`` can print exactly what a real run would send.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _

from targets import progress, roles
from targets.entry.rows import deadline_of
from targets.models import Office, OfficeMonth, OfficeMonthEvent, Period, Target
from targets.reminders.models import ReminderSettings, Rule
from targets.templatetags.targets_format import amount

DONE = {OfficeMonth.State.SUBMITTED, OfficeMonth.State.APPROVED}
# A month approved this many days before the run still gets its 预警 (a daily run that missed a day catches up).
WARNING_WINDOW = timedelta(days=7)


@dataclass
class Notice:
    """One thing to say about one office-month to some people (and, for the office's own staff, its group)."""

    rule: str
    office: Office
    year: int
    month: int
    recipients: list = field(default_factory=list)
    title: str = ""
    body: str = ""
    to_group: bool = False  # also post to the office's group robot
    since: date | None = None  # 预警: only once since this day (the approval)

    @property
    def link(self) -> str:
        return reverse(
            "targets:entry_month", kwargs={"office": self.office.pk, "year": self.year, "month": self.month}
        )

    @property
    def rule_label(self) -> str:
        return str(Rule(self.rule).label)


def office_staff(office) -> list:
    """The active 填报员 of ``office``."""
    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.STAFF, profile__office=office)
        .order_by("username")
        .distinct()
    )


def office_leaders(office, year: int) -> list:
    """The office's 分管领导: the active leaders of the indicators it owns that have a target in ``year``."""
    return list(
        get_user_model()
        .objects.filter(is_active=True, led_indicators__office=office, led_indicators__targets__year=year)
        .order_by("username")
        .distinct()
    )


def due_notices(on: date, config: ReminderSettings | None = None) -> list[Notice]:
    config = config or ReminderSettings.current()
    notices = []
    for office, year, month, deadline in owed_months(on):
        notices.extend(_deadline_notices(config, on, office, year, month, deadline))
    if config.warning_enabled:
        notices.extend(_warning_notices(on))
    return notices


def owed_months(on: date):
    """``(office, year, month, deadline)`` of every open, unsubmitted month of the run's year and the year before
    whose office owns an indicator with a target that year."""
    for year in (on.year - 1, on.year):
        offices = list(
            Office.objects.filter(indicators__targets__year=year).distinct().order_by("order", "name")
        )
        if not offices:
            continue
        periods = {period.month: period for period in Period.objects.filter(year=year)}
        states = {
            (row.office_id, row.month): row.state
            for row in OfficeMonth.objects.filter(year=year, office__in=offices).exclude(version=0)
        }
        for month in range(1, 13):
            period = periods.get(month)
            if period is not None and not period.is_open:
                continue
            deadline = deadline_of(year, month, period)
            if on < deadline - timedelta(days=60):
                continue  # far in the future: nothing to say yet
            for office in offices:
                if states.get((office.pk, month)) not in DONE:
                    yield office, year, month, deadline


def _deadline_notices(config, on, office, year, month, deadline) -> list[Notice]:
    days_left = (deadline - on).days
    names = {"office": office.name, "year": year, "month": month, "deadline": f"{deadline:%Y-%m-%d}"}
    notices = []
    if config.before_enabled and days_left == config.days_before:
        notices.append(
            Notice(
                Rule.BEFORE,
                office,
                year,
                month,
                office_staff(office),
                _("【临近提醒】%(office)s %(year)s年%(month)s月数据还有 %(days)s 天截止")
                % {**names, "days": days_left},
                _(
                    "%(office)s %(year)s年%(month)s月的月度数据尚未提交，填报截止日为 %(deadline)s，请抓紧填报并提交。"
                )
                % names,
                to_group=True,
            )
        )
    elif config.due_enabled and days_left == 0:
        notices.append(
            Notice(
                Rule.DUE,
                office,
                year,
                month,
                office_staff(office),
                _("【到期提醒】%(office)s %(year)s年%(month)s月数据今天截止") % names,
                _(
                    "今天（%(deadline)s）是%(office)s %(year)s年%(month)s月数据的填报截止日，本月尚未提交，请今天内提交。"
                )
                % names,
                to_group=True,
            )
        )
    elif days_left < 0:
        late = -days_left
        names["days"] = late
        if config.overdue_enabled:
            notices.append(
                Notice(
                    Rule.OVERDUE,
                    office,
                    year,
                    month,
                    office_staff(office),
                    _("【逾期催办】%(office)s %(year)s年%(month)s月数据已逾期 %(days)s 天") % names,
                    _(
                        "%(office)s %(year)s年%(month)s月的月度数据截止日为 %(deadline)s，已逾期 %(days)s 天仍未提交，请立即填报并提交。"
                    )
                    % names,
                    to_group=True,
                )
            )
        if config.escalate_enabled and late >= config.escalate_after_days:
            notices.append(
                Notice(
                    Rule.ESCALATE,
                    office,
                    year,
                    month,
                    office_leaders(office, year),
                    _("【逾期督办】%(office)s %(year)s年%(month)s月数据逾期 %(days)s 天未提交") % names,
                    _(
                        "您分管的%(office)s %(year)s年%(month)s月月度数据截止日为 %(deadline)s，已逾期 %(days)s 天仍未提交，请督促填报。"
                    )
                    % names,
                )
            )
    return [notice for notice in notices if notice.recipients or notice.to_group]


def _warning_notices(on: date) -> list[Notice]:
    """预警: for each month approved in the last week, its 确保 targets behind 序时, told to their 分管领导."""
    approvals = (
        OfficeMonthEvent.objects.filter(
            action=OfficeMonthEvent.Action.APPROVE,
            office_month__state=OfficeMonth.State.APPROVED,
            at__date__lte=on,
            at__date__gte=on - WARNING_WINDOW,
        )
        .select_related("office_month__office")
        .order_by("at")
    )
    latest = {}
    for event in approvals:
        latest[event.office_month_id] = event  # the last approval of each month
    notices = []
    for event in latest.values():
        office_month = event.office_month
        targets = list(
            Target.objects.filter(
                indicator__office=office_month.office,
                year=office_month.year,
                firmness=Target.Firmness.ENSURE,
                indicator__leader__isnull=False,
                indicator__leader__is_active=True,
            ).select_related("indicator__leader")
        )
        results = progress.evaluate_targets(targets, office_month.month)
        behind: dict = {}
        for target in targets:
            if results[target.pk].is_behind:
                behind.setdefault(target.indicator.leader, []).append((target, results[target.pk]))
        for leader, items in behind.items():
            lines = [_describe_behind(target, result) for target, result in items]
            names = {
                "office": office_month.office.name,
                "year": office_month.year,
                "month": office_month.month,
            }
            notices.append(
                Notice(
                    Rule.WARNING,
                    office_month.office,
                    office_month.year,
                    office_month.month,
                    [leader],
                    _("【欠序时预警】%(office)s %(year)s年%(month)s月有 %(count)s 项“确保”目标欠序时")
                    % {**names, "count": len(items)},
                    _("%(office)s %(year)s年%(month)s月数据已审核通过，您分管的以下“确保”目标欠序时进度：")
                    % names
                    + "\n"
                    + "\n".join(lines),
                    since=event.at.date(),
                )
            )
    return notices


def _describe_behind(target, result) -> str:
    name = target.indicator.name
    if result.completion is not None and result.expected is not None and result.is_percent_of_goal:
        return _("· %(name)s：完成年度目标的 %(done)s%%，序时进度 %(expected)s%%（%(status)s）") % {
            "name": name,
            "done": amount(result.completion),
            "expected": amount(result.expected),
            "status": result.status_label,
        }
    return _("· %(name)s：%(status)s") % {"name": name, "status": result.status_label}
