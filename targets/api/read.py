"""The JSON API, version 1. Read endpoints accept a logged-in session; other systems use a token (later)."""

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.utils.translation import gettext as _

from targets.models import Target


def api_error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status, json_dumps_params={"ensure_ascii": False})


@login_not_required
def targets_list(request):
    if not request.user.is_authenticated:
        return api_error(_("需要登录或令牌。"), 401)
    year = request.GET.get("year", "")
    targets = Target.objects.select_related("indicator", "section")
    if year:
        if not year.isdigit():
            return api_error(_("年度须为四位数字，如 2023。"), 400)
        targets = targets.filter(year=int(year))
    data = [
        {
            "id": target.pk,
            "year": target.year,
            "section": target.section.title,
            "indicator": target.indicator.name,
            "unit": target.unit,
            "kind": target.kind,
            "firmness": target.firmness,
            "value": None if target.value is None else str(target.value.normalize()),
            "quote": target.quote,
        }
        for target in targets
    ]
    return JsonResponse({"targets": data}, json_dumps_params={"ensure_ascii": False})
