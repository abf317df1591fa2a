"""``/api/v1/figures``: other systems read an office's month (GET) and write it (POST) through the same checks and
atomic save as the monthly form.

``GET /api/v1/figures?year=2023&month=6[&office=3]`` answers what is stored now, to base a write on: the month's
``version`` and ``state``, and per typed indicator its ``value`` (a string, ``null`` when none), texts, who saved
it and when, and ``sample``; indicators counted from the project register are listed apart (``counted``), never
written. A 填报员's token reads their own office, a leader's or admin's any office (``office``: id or name).
Send a figure's ``value``/texts back as its ``loaded`` when you POST, and the month's ``version``.

Authentication: ``Authorization: Bearer <token>`` (``targets.models.ApiToken``); the token acts as its user. A
填报员's token writes their own office; an admin's token names the office (``"office"``: id or name).

Body::

    {"year": 2023, "month": 6, "office": 3,            # office optional for a 填报员's token
     "version": 4,                                     # optional: the OfficeMonth.version the caller read
     "submit": false,                                  # optional: submit the month for approval too
     "figures": [{"indicator": "fiscal-revenue", "value": "0.8亿", "note": "",
                  "reason": "", "measures": "", "confirm": false,
                  "loaded": {"value": "0.75", "note": "", "reason": "", "measures": ""}}]}

``value`` is a string as a person would type it (``parse_figure``) or a JSON number (read exactly, never as a
float). ``loaded`` (optional, each key optional) is what the caller's values were based on: the value (``null``
when nothing was stored) and texts it read. A value or text equal to its ``loaded`` one is not a change and never
overwrites what is stored now; one that differs is written unless someone else changed it too since (a conflict,
409). Without ``loaded`` a figure is based on ``version``: any difference from what is stored is a conflict when
the month changed since that version; without ``version`` either, the figure is set as sent.

Answers: 200 ``{"saved": n, "version": v, "state": s, "kept": [codes]}`` (``kept``: figures someone else changed
since, which this call left as they are); 400 a body or values that cannot be saved, with one entry per rejected
value in ``errors`` (``index``, ``indicator``, ``kind`` error|warning, ``messages``); 401 no or a bad token; 403 a
role or an indicator the token may not write; 409 a locked month, or ``conflicts``: one entry per field both
changed (``indicator``, ``field`` value|note|reason|measures, ``loaded`` (null: not known), ``yours``, ``now``,
``by``, ``at``) — send it again with ``loaded`` set to ``now`` to overwrite knowingly. Nothing is stored unless
everything is.
"""

import json
from decimal import Decimal

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from targets import roles
from targets.api.auth import token_user
from targets.api.read import api_error
from targets.entry import rows, services
from targets.entry.checks import Entry
from targets.entry.loaded import FIELDS, Loaded
from targets.entry.status import month_state
from targets.models import FigureChange, Indicator, Office
from targets.parsing import LIMIT, FigureError, parse_figure
from targets.people import person_name
from targets.text import problem_in

MAX_FIGURES = 500
TEXT_FIELDS = ("note", "reason", "measures")


class BadRequest(Exception):
    pass


def _json(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _reject_constant(name):
    raise BadRequest(_("不接受 %(name)s：数值须为普通数字。") % {"name": name})


def _integer(body, key) -> int:
    value = body.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadRequest(_("“%(key)s”须为整数。") % {"key": key})
    return value


def _office(body, user):
    given = body.get("office")
    own = roles.office_of(user)
    if given is None:
        if own is None:
            raise BadRequest(_("请用“office”指明单位（编号或名称）。"))
        return own
    if isinstance(given, bool) or not isinstance(given, int | str):
        raise BadRequest(_("“office”须为单位编号或名称。"))
    office = Office.objects.filter(**({"pk": given} if isinstance(given, int) else {"name": given})).first()
    if office is None:
        raise BadRequest(_("没有这个单位：%(office)s。") % {"office": str(given)[:60]})
    return office


def _value_text(value) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return f"{value:f}" if value.is_finite() else None
    if isinstance(value, str):
        return value
    return None


@csrf_exempt  # a token in a header, not a cookie: no cross-site request can carry it
@login_not_required
def figures(request):
    if request.method not in ("GET", "POST"):
        return api_error(_("只接受 GET（读取）和 POST（填报）。"), 405)
    user = token_user(request)
    if user is None:
        return api_error(_("需要有效的令牌：Authorization: Bearer <令牌>。"), 401)
    try:
        return _read(request, user) if request.method == "GET" else _save(request, user)
    except BadRequest as problem:
        return api_error(str(problem), 400)
    except PermissionDenied:
        if request.method == "GET":
            return api_error(_("这个令牌无权查看该单位的填报。"), 403)
        return api_error(_("这个令牌无权填报该单位或其中的指标，未保存任何数值。"), 403)


def _read(request, user):
    params = request.GET
    numbers = {}
    for key in ("year", "month"):
        text = (params.get(key) or "").strip()
        if not text.isdigit() or len(text) > 4:
            raise BadRequest(_("“%(key)s”须为整数。") % {"key": key})
        numbers[key] = int(text)
    year, month = numbers["year"], numbers["month"]
    if not 1 <= month <= 12:
        raise BadRequest(_("月份须为1至12之间的数字。"))
    asked = (params.get("office") or "").strip()[:60]
    office = _office({"office": int(asked) if asked.isdigit() else asked} if asked else {}, user)
    if not roles.may_read_office(user, office):
        raise PermissionDenied
    counted = rows.counted_rows(office, year, month)
    current = rows.office_month(office, year, month)
    return _json(
        {
            "year": year,
            "month": month,
            "office": {"id": office.pk, "name": office.name},
            "version": current.version if current else 0,
            "state": month_state(current),
            "figures": [_stored(row) for row in rows.month_rows(office, year, month, counted)],
            "counted": [
                {
                    "indicator": row.indicator.code,
                    "name": row.indicator.name,
                    "count": row.count,
                    "works": row.works,
                }
                for row in counted
            ],
        }
    )


def _stored(row) -> dict:
    figure = row.figure
    return {
        "indicator": row.indicator.code,
        "name": row.indicator.name,
        "unit": row.indicator.unit,
        "value": None if figure is None else f"{figure.value.normalize():f}",
        **{name: getattr(figure, name) if figure else "" for name in TEXT_FIELDS},
        "updated_by": person_name(figure.updated_by) if figure else "",
        "updated_at": figure.updated_at.isoformat() if figure else None,
        "sample": bool(figure and figure.is_sample),
    }


def _save(request, user):
    try:
        body = json.loads(request.body, parse_float=Decimal, parse_constant=_reject_constant)
    except BadRequest:
        raise
    except (ValueError, RecursionError) as error:
        raise BadRequest(_("请求体须为 UTF-8 编码的 JSON。")) from error
    if not isinstance(body, dict):
        raise BadRequest(_("请求体须为 JSON 对象。"))
    problem = problem_in(body)
    if problem:
        raise BadRequest(problem)
    year, month = _integer(body, "year"), _integer(body, "month")
    office = _office(body, user)
    items = body.get("figures")
    if not isinstance(items, list) or not items:
        raise BadRequest(_("“figures”须为非空数组。"))
    if len(items) > MAX_FIGURES:
        raise BadRequest(_("一次最多 %(limit)s 个数值。") % {"limit": MAX_FIGURES})
    version = body.get("version")
    if version is not None and (isinstance(version, bool) or not isinstance(version, int)):
        raise BadRequest(_("“version”须为整数。"))
    entries, errors, index_of = _entries(items)
    outcome = services.save_month(
        office,
        year,
        month,
        entries,
        user,
        source=FigureChange.Source.API,
        expected_version=version,
        submit=body.get("submit") is True,
        dry_run=bool(errors),  # malformed items: check the rest too, so the caller hears of every problem
    )
    if errors and not outcome.errors and not outcome.conflict:
        errors.extend(_rejected(outcome, index_of))
        errors.sort(key=lambda error: (error["index"] is None, error["index"] or 0))
        return _json({"error": _("有数值格式不对或未通过检查，未保存任何数值。"), "errors": errors}, 400)
    if outcome.saved:
        return _json(
            {
                "saved": outcome.changed,
                "version": outcome.version,
                "state": outcome.state,
                "kept": [indicator.code for indicator in outcome.kept],
            }
        )
    if outcome.conflict:
        conflicts = [
            {
                "indicator": row.indicator.code,
                "field": row.field,
                "loaded": row.loaded,
                "yours": row.typed,
                "now": row.now,
                "by": person_name(row.by) or None,
                "at": row.at.isoformat() if row.at else None,
            }
            for row in outcome.conflicts
        ]
        message = (
            _("以下数值在你读取之后已被别人修改，你也改了它们，未保存。")
            if conflicts
            else _("本月在你读取之后已被别人修改，请核对后再提交，未保存。")
        )
        return _json(
            {
                "error": message,
                "conflicts": conflicts,
                "changed": [indicator.code for indicator in outcome.kept],
                "version": outcome.version,
            },
            409,
        )
    if outcome.errors:
        return _json({"error": outcome.errors[0]}, 409 if outcome.locked else 400)
    rejected = _rejected(outcome, index_of)
    return _json(
        {
            "error": _('有 %(count)s 个数值未通过检查，未保存任何数值。警告可加 "confirm": true 确认。')
            % {"count": len(rejected)},
            "errors": rejected,
        },
        400,
    )


def _rejected(outcome, index_of) -> list[dict]:
    rejected = []
    for checked in outcome.rows:
        pk = checked.row.indicator.pk
        if checked.errors or checked.needs_confirmation:
            rejected.append(
                {
                    "index": index_of.get(pk),
                    "indicator": checked.row.indicator.code,
                    "kind": "error" if checked.errors else "warning",
                    "messages": checked.errors or checked.warnings,
                }
            )
    return rejected


def _text(item, name):
    return item[name].strip() if name in item else None


def _entries(items):
    """Entries for well-formed items, or an error per malformed item; unknown codes are errors too."""
    errors, entries, index_of = [], [], {}
    codes = [item.get("indicator") for item in items if isinstance(item, dict)]
    known = {
        indicator.code: indicator
        for indicator in Indicator.objects.filter(code__in=[code for code in codes if isinstance(code, str)])
    }
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            errors.append({"index": index, "kind": "error", "messages": [_("每个数值须为 JSON 对象。")]})
            continue
        code = item.get("indicator")
        indicator = known.get(code) if isinstance(code, str) else None
        problems = []
        if indicator is None:
            problems.append(_("没有代码为“%(code)s”的指标。") % {"code": str(code)[:60]})
        elif indicator.pk in index_of:
            problems.append(_("同一指标出现了两次。"))
        text = _value_text(item.get("value"))
        if isinstance(item.get("value"), Decimal | int) and text is not None and abs(Decimal(text)) >= LIMIT:
            problems.append(_("数值过大：不能达到或超过 10 的 14 次方。"))
        elif text is None:
            problems.append(_('“value”须为数字或文本，如 "0.8亿"、1234.5。'))
        for field in TEXT_FIELDS:
            if field in item and not isinstance(item[field], str):
                problems.append(_("“%(field)s”须为文本。") % {"field": field})
        if not isinstance(item.get("confirm", False), bool):
            problems.append(_("“confirm”须为 true 或 false。"))
        based_on = None
        if indicator is not None and "loaded" in item:
            based_on = _loaded(item["loaded"], indicator, problems)
        if problems:
            errors.append({"index": index, "indicator": code, "kind": "error", "messages": problems})
            continue
        index_of[indicator.pk] = index
        entries.append(
            Entry(
                indicator_id=indicator.pk,
                text=text,
                # A text left out keeps what is stored; an empty string clears it.
                note=_text(item, "note"),
                reason=_text(item, "reason"),
                measures=_text(item, "measures"),
                confirm=item.get("confirm", False),
                loaded=based_on,
            )
        )
    return entries, errors, index_of


def _loaded(given, indicator, problems) -> Loaded | None:
    """The ``loaded`` object of an item as a ``Loaded`` (keys left out: not known); its problems appended."""
    if not isinstance(given, dict) or not set(given) <= set(FIELDS):
        problems.append(_("“loaded”须为对象，可含 value、note、reason、measures。"))
        return None
    fields = {}
    if "value" in given and given["value"] is not None:
        text = _value_text(given["value"])
        try:
            fields["value"] = parse_figure(text, indicator.unit) if text is not None else None
        except FigureError as error:
            problems.append(_("“loaded.value”：%(error)s") % {"error": error.messages[0]})
            return None
        if fields["value"] is None:
            problems.append(_("“loaded.value”须为数字、文本或 null。"))
            return None
    elif "value" in given:
        fields["value"] = None
    for name in FIELDS[1:]:
        if name in given:
            if not isinstance(given[name], str):
                problems.append(_("“loaded.%(field)s”须为文本。") % {"field": name})
                return None
            fields[name] = given[name].strip()
    return Loaded(**fields)
