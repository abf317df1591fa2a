"""Who has not reported: each reporting office's state for each month of a year (leaders and admins)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from targets import roles
from targets.entry.rows import entry_years, today
from targets.entry.status import status_grid
from targets.forms import small_int
from targets.models import OfficeMonth
from targets.progress import month_end
from targets.reminders.services import last_chased

DONE = {OfficeMonth.State.SUBMITTED, OfficeMonth.State.APPROVED}


def entry_status(request):
    if not roles.may_see_all_offices(request.user):
        raise PermissionDenied
    now = today()
    years = entry_years()
    year = small_int(request.GET.get("year"))
    year = year if year in years else now.year
    last_month = now.month if year == now.year else 12
    months = list(range(1, last_month + 1))
    grid = status_grid(year, months)
    # Per month, how many offices have not submitted yet: the leader's first question.
    outstanding = [
        sum(1 for _office, cells in grid if cells[index].state not in DONE) for index in range(len(months))
    ]
    # 催办: a month that is over (or late) and not submitted can be chased; each cell says when it last was.
    chased = last_chased(year)
    for office, cells in grid:
        for cell in cells:
            cell.chaseable = cell.state not in DONE and (cell.late or month_end(year, cell.month) < now)
            cell.last_chase = chased.get((office.pk, cell.month))
    context = {
        "year": year,
        "years": years,
        "months": months,
        "grid": grid,
        "outstanding": outstanding,
        "may_chase": roles.may_chase(request.user),
    }
    return render(request, "targets/entry_status.html", context)
