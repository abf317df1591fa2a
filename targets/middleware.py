"""Two guards every request passes, whatever view answers it.

- ``RoleRequiredMiddleware``: a logged-in account that holds no role (an admin created it and gave it no group
  yet) sees only a page telling it to ask an admin, on every URL: the dashboard, the exports, the API, the
  attachments. It may still change its password, switch language and log out.
- ``ApiErrorsMiddleware``: every answer under ``/api/`` is JSON, errors included. Views write their own JSON
  errors; this turns what no API view wrote (a 405 of ``require_POST``, a redirect to the login page, a 413 of
  Django's body limit) into ``{"error": "…"}`` with the same status.
"""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse

from targets import roles
from targets.views.errors import is_api, json_error

# URL names a role-less account may still use.
OPEN_TO_ROLELESS = {"logout", "password_change", "password_change_done", "set_language"}


class RoleRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or roles.has_role(user):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_TO_ROLELESS:
            return None
        if is_api(request):
            return json_error(403, roles.no_role_message())
        return render(request, "errors/no_role.html", status=403)


class ApiErrorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not is_api(request):
            return response
        if response.status_code in (301, 302) and response.get("Location", "").startswith(
            reverse(settings.LOGIN_URL)
        ):
            return json_error(401)
        if response.status_code >= 400 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            return json_error(response.status_code)
        return response
