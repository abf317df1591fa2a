"""Whether an office kept its project register for a month, so a target counted from it can be judged.

An empty register is "no information", not "zero projects". A target counted from the register
(``targets.counting``) is judged for a month only when its office kept the register in that month: some change to
one of its real projects (a project added or edited, a stage reached, reported by the registered activity
providers), or an explicit, logged confirmation "本月无新增项目" (``confirm_no_new_projects``, an
``OfficeMonthEvent``). Before that it is 暂无数据 with the reason 项目台账未更新. Once kept, zero is zero.

A deadline target is judged by what the register held at its deadline: any month kept from the deadline's month
to the month looked at will do (a register kept in April says March is complete too).
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from targets import counting
from targets.models import OfficeMonth, OfficeMonthEvent

REGISTER_NOT_UPDATED = gettext_lazy("项目台账未更新")


def kept_months(office_ids, year: int, registers: counting.Registers | None = None) -> dict[int, set[int]]:
    """The months of ``year`` each office kept its register in (activity or confirmation), by office id; for
    ``None`` (a target no office owns) the months anyone kept it. One query plus the registers' (read once per
    page in ``registers``, which also keeps the answer for the page's later questions)."""
    office_ids = frozenset(office_ids)
    registers = registers or counting.read([])
    memo_key = ("kept_months", office_ids, year)
    if memo_key in registers.memo:
        return registers.memo[memo_key]
    months = registers.activity_months(office_ids, year)
    confirmed = OfficeMonthEvent.objects.filter(
        action=OfficeMonthEvent.Action.NO_NEW_PROJECTS, office_month__year=year
    )
    if None not in office_ids:
        confirmed = confirmed.filter(office_month__office_id__in=office_ids)
    for office_id, month in confirmed.values_list("office_month__office_id", "office_month__month"):
        if office_id in office_ids:
            months.setdefault(office_id, set()).add(month)
        if None in office_ids:  # a target no office owns: kept when anyone kept the register
            months.setdefault(None, set()).add(month)
    registers.memo[memo_key] = months
    return months


def is_kept(kept: set[int], judged_month: int, month: int) -> bool:
    """Whether a register kept in ``kept`` months tells where a target stood at ``judged_month`` when looking at
    ``month`` (``judged_month`` is ``month``, or an earlier deadline's month)."""
    return any(judged_month <= kept_month <= month for kept_month in kept)


def confirmation(office, year: int, month: int) -> OfficeMonthEvent | None:
    """The latest "本月无新增项目" confirmation of ``office`` for ``month``, or ``None``."""
    return (
        OfficeMonthEvent.objects.filter(
            action=OfficeMonthEvent.Action.NO_NEW_PROJECTS,
            office_month__office=office,
            office_month__year=year,
            office_month__month=month,
        )
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )


def month_register(office, year: int, month: int) -> dict:
    """What the monthly form says about ``office``'s register for ``month``: whether it is kept (``kept``), by
    which confirmation if any (``confirmation``)."""
    kept = month in kept_months({office.pk}, year).get(office.pk, set())
    return {"kept": kept, "confirmation": confirmation(office, year, month) if kept else None}


@transaction.atomic
def confirm_no_new_projects(office, year: int, month: int, user) -> OfficeMonthEvent:
    """Log that ``office``'s project register is up to date for ``month`` with nothing new in it.

    The month's figures are not touched (so a submitted month may be confirmed too); the confirmation is an event
    of the office's month, listed with the others under the monthly form."""
    # version 0: the month's figures are still not started (填报情况, reminders and 排名 read it so)
    office_month, _created = OfficeMonth.objects.get_or_create(
        office=office, year=year, month=month, defaults={"version": 0}
    )
    return OfficeMonthEvent.objects.create(
        office_month=office_month,
        action=OfficeMonthEvent.Action.NO_NEW_PROJECTS,
        actor=user,
        comment=_("项目台账已核对，本月无新增项目。"),
    )
