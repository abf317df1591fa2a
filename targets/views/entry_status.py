"""Who has not reported: each reporting office's state for each month of a year (leaders and admins)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from targets import roles
from targets.entry.rows import entry_years, today
from targets.entry.status import status_grid
from targets.forms import small_int
from targets.models import OfficeMonth

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
    context = {"year": year, "years": years, "months": months, "grid": grid, "outstanding": outstanding}
    return render(request, "targets/entry_status.html", context)
