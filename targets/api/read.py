"""The JSON API, version 1. Read endpoints accept a logged-in session or a token (``Authorization: Bearer``).

``GET /api/v1/targets?year=2023&as_of=2023-06`` lists the targets with where each stands at the end of the
``as_of`` month (default: the last month with figures of the year, see ``targets.filters.default_month``):
``actual``, ``completion``, ``expected``, ``gap``, ``status``, ``projection``... as computed by
``targets.progress``, each with its unit (``actual_unit``, ``goal_unit``…, decided by
``targets.progress.display``). Decimals are strings rounded to 4 decimals at most; a value not computed is
``null``.
A malformed or out-of-range ``year`` or ``as_of`` is a 400 with a Chinese ``error``. The answer is the same for
every caller allowed in, so it is kept in the page cache under the data's version (``targets.pagecache``).
"""

import json
import re
from itertools import groupby

from django.contrib.auth.decorators import login_not_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from targets import pagecache, roles
from targets.api.auth import token_user
from targets.filters import FIRST_YEAR, LAST_YEAR, default_month
from targets.models import Result, Target
from targets.progress import Progress, display, evaluate_targets

AS_OF = re.compile(r"^(\d{4})-(\d{1,2})$")


def api_error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status, json_dumps_params={"ensure_ascii": False})


_decimal = display.api_decimal


def progress_fields(target: Target, progress: Progress) -> dict:
    """Where ``target`` stands, every number with its unit (``actual_unit``…), and why there is no status yet
    when that is more than "nothing reported" (``status_note``: 项目台账未更新, 年末评定)."""
    reading = display.reading(target, progress)
    return {
        "as_of_month": progress.month,
        "data_month": progress.data_month,
        "actual": _decimal(progress.actual),
        "completion": _decimal(progress.completion),
        "expected": _decimal(progress.expected),
        "gap": _decimal(progress.gap),
        "status": progress.status.value,
        "status_label": progress.status_label,
        "status_note": reading.status_note,
        "projection": _decimal(progress.projection),
        "needed_per_month": _decimal(progress.needed_per_month),
        "goal": _decimal(progress.goal),
        **reading.units(),
        "basis": progress.basis,
        "sample": progress.sample,
    }


def baseline_fields(result: Result | None) -> dict:
    """Last year's result for the same indicator, as the report gives it (``null`` where it gives none)."""
    return {
        "baseline_value": _decimal(result.value) if result else None,
        "baseline_unit": result.unit if result else None,
        "baseline_qualifier": result.qualifier if result else None,
        "baseline_text": display.written(result.value, result.unit, result.qualifier) if result else None,
        "baseline_quote": result.quote if result else None,
        # "report" (quoted), or "figures": last year's monthly figures, named by the label (1—12月累计, 最近审核月)
        "baseline_basis": result.basis if result else None,
        "baseline_label": result.label if result else None,
    }


def parse_period(year_text: str, as_of_text: str) -> tuple[int | None, int | None, str]:
    """``(year, month, error)`` from the query; the error is a Chinese message, empty when all is well."""
    year = month = None
    if year_text:
        if not (year_text.isdigit() and len(year_text) == 4):
            return None, None, _("年度须为四位数字，如 2023。")
        year = int(year_text)
    if as_of_text:
        match = AS_OF.match(as_of_text)
        if not match:
            return None, None, _("as_of 须为“年-月”，如 2023-06。")
        as_of_year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            return None, None, _("as_of 的月份须为 1 到 12。")
        if year is not None and as_of_year != year:
            return None, None, _("as_of 须在所选年度（%(year)s年）之内。") % {"year": year}
        year = as_of_year
    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        return (
            None,
            None,
            _("年度须在 %(first)s 到 %(last)s 年之间。") % {"first": FIRST_YEAR, "last": LAST_YEAR},
        )
    return year, month, ""


@require_safe
@login_not_required
def targets_list(request):
    user = request.user if request.user.is_authenticated else token_user(request)
    if user is None:
        return api_error(_("需要登录或令牌。"), 401)
    if not roles.has_role(user):
        return api_error(roles.no_role_message(), 403)
    year, month, error = parse_period(request.GET.get("year", ""), request.GET.get("as_of", ""))
    if error:
        return api_error(error, 400)
    # The same for every caller allowed in: built once per change of the data, like the leaders' pages.
    built = pagecache.body(request, "api-targets", lambda: {"json": _targets_json(year, month)})
    return HttpResponse(built["json"], content_type="application/json")


def _targets_json(year: int | None, month: int | None) -> str:
    targets = Target.objects.select_related("indicator", "section").order_by(
        "year", "section__number", "order", "id"
    )
    if year is not None:
        targets = targets.filter(year=year)
    targets = list(targets)
    baselines = {
        (result.indicator_id, result.year): result
        for result in Result.objects.filter(
            indicator_id__in={target.indicator_id for target in targets},
            year__in={target.year - 1 for target in targets},
        )
    }
    progress = {}
    for target_year, group in groupby(targets, key=lambda target: target.year):
        progress.update(evaluate_targets(list(group), month or default_month(target_year)))
    data = [
        {
            "id": target.pk,
            "year": target.year,
            "section": target.section.title,
            "indicator": target.indicator.name,
            "unit": target.unit,
            "kind": target.kind,
            "firmness": display.firmness_word(target),
            "qualifier": target.qualifier,
            "period": target.period or None,
            "period_label": display.period_text(target) or None,
            "target_text": display.target_text(target),
            "assessed_in": target.assessed_in,
            "value": _decimal(target.value),
            "original_value": _decimal(target.original_value),
            "deadline": target.deadline.isoformat() if target.deadline else None,
            **baseline_fields(baselines.get((target.indicator_id, target.year - 1))),
            "quote": target.quote,
            **progress_fields(target, progress[target.pk]),
        }
        for target in targets
    ]
    return json.dumps({"targets": data}, cls=DjangoJSONEncoder, ensure_ascii=False)
