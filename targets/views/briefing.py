"""The monthly briefing (月度通报) for leaders and admins: as a printable page and as a .docx download."""

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from targets import pagecache, roles
from targets.briefing import compose, latest_month_with_data
from targets.docx import briefing_document
from targets.filters import target_years

FIRST_YEAR, LAST_YEAR = 2000, 2100
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def chosen_month(params) -> tuple[int | None, int | None, str]:
    """(year, month, error) from ``?year=&month=``; both absent means the latest month with data."""
    year_text = (params.get("year") or "").strip()
    month_text = (params.get("month") or "").strip()
    if not year_text and not month_text:
        latest = latest_month_with_data()
        return (*latest, "") if latest else (None, None, "")
    if not year_text.isdigit() or not FIRST_YEAR <= int(year_text) <= LAST_YEAR:
        return (
            None,
            None,
            _("年度须为%(first)s至%(last)s之间的四位数字，如 2023。")
            % {
                "first": FIRST_YEAR,
                "last": LAST_YEAR,
            },
        )
    year = int(year_text)
    if not month_text:
        latest = latest_month_with_data(year)
        return year, latest[1] if latest else 12, ""
    if not month_text.isdigit() or not 1 <= int(month_text) <= 12:
        return None, None, _("月份须为1至12之间的数字。")
    return year, int(month_text), ""


def _page(request, year, month, error="", status=200, briefing=None):
    return render(
        request, "targets/briefing.html", _body(year, month, error, status, briefing), status=status
    )


def _body(year, month, error="", status=200, briefing=None) -> dict:
    years = set(briefing.years if briefing else target_years()) | ({year} if year else set())
    context = {
        "briefing": briefing,
        "error": error,
        "year": year,
        "month": month,
        "years": sorted(years, reverse=True),
        "months": range(1, 13),
    }
    return {
        "body": render_to_string("targets/briefing_body.html", context),
        "title": briefing.title if briefing else "",
        "status": status,
    }


def briefing_page(request):
    """The briefing as a page; its body comes from the page cache while the data and the day are unchanged."""
    roles.require(roles.may_see_all_offices, request.user)
    built = pagecache.body(request, "briefing", lambda: _briefing_body(request.GET))
    return render(request, "targets/briefing.html", built, status=built["status"])


def _briefing_body(params) -> dict:
    year, month, error = chosen_month(params)
    if error:
        return _body(None, None, error, status=400)
    if year is None:
        return _body(None, None)
    return _body(year, month, briefing=compose(year, month))


def briefing_docx(request):
    roles.require(roles.may_see_all_offices, request.user)
    year, month, error = chosen_month(request.GET)
    if error:
        return _page(request, None, None, error, status=400)
    if year is None:
        return _page(request, None, None)
    briefing = compose(year, month)
    if not briefing.has_data:
        return _page(request, year, month, briefing=briefing)
    response = HttpResponse(briefing_document(briefing), content_type=DOCX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"{briefing.title}.docx")
    return response
