"""Error pages in Chinese with the right status code, never Django's debug page; JSON under ``/api/``.

A database outage (``OperationalError`` / ``InterfaceError``, wherever it is raised: a view, the session or the
authentication middleware) is answered 503 with a message to retry, not 500: nothing is wrong with the request.
The 500 and 503 answers are rendered without context processors, since the database may be what failed.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

API_PREFIX = "/api/"


def is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def status_message(status: int) -> str:
    """The Chinese ``error`` of an API answer that no view wrote (an unknown URL, a wrong method, a crash)."""
    messages = {
        400: _("请求格式不正确。"),
        401: _("需要登录或令牌。"),
        403: _("无权访问。"),
        404: _("没有这个接口或对象。"),
        405: _("不支持这种请求方法。"),
        409: _("与当前数据冲突。"),
        413: _("请求体过大。"),
        500: _("服务器内部错误，已记录；请稍后重试。"),
        503: _("数据库暂时无法连接，请稍后重试。"),
    }
    return messages.get(status, _("请求未能完成（%(status)s）。") % {"status": status})


def json_error(status: int, message: str | None = None) -> JsonResponse:
    return JsonResponse(
        {"error": message or status_message(status)}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def database_unavailable() -> bool:
    """Whether the exception being handled is the database being out of reach."""
    error = sys.exc_info()[1]
    while error is not None:
        if isinstance(error, OperationalError | InterfaceError):
            return True
        error = error.__cause__ or error.__context__
    return False


@requires_csrf_token
def bad_request(request, exception=None):
    if is_api(request):
        return json_error(400)
    return render(request, "errors/400.html", status=400)


@requires_csrf_token
def permission_denied(request, exception=None):
    if is_api(request):
        return json_error(403)
    return render(request, "errors/403.html", status=403)


@requires_csrf_token
def page_not_found(request, exception=None):
    if is_api(request):
        return json_error(404)
    return render(request, "errors/404.html", status=404)


def server_error(request):
    status = 503 if database_unavailable() else 500
    if is_api(request):
        return json_error(status)
    template = "errors/503.html" if status == 503 else "errors/500.html"
    response = HttpResponse(loader.get_template(template).render(), status=status)
    if status == 503:
        response["Retry-After"] = "30"
    return response


def csrf_failure(request, reason=""):
    if is_api(request):
        return json_error(403, _("请求缺少有效的 CSRF 令牌。"))
    return render(request, "errors/403_csrf.html", status=403)
