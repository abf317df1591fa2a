"""The admin site of the town: only 管理员 may enter; anyone else logged in gets a 403, not a second login form.

It lives outside the ``targets.admin`` package on purpose: Django imports the site class lazily on the first
registration, and a registration made while that package is still importing would go to a second instance.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.translation import gettext_lazy as _

from targets import roles


class TownAdminSite(admin.AdminSite):
    site_header = _("正余镇目标进度看板 · 管理后台")
    site_title = _("管理后台")
    index_title = _("管理")
    index_template = "admin/town_index.html"

    def get_urls(self):
        from targets.admin import reader
        from targets.admin.years import start_year_view

        tools = [
            path(
                "read-report/",
                self.admin_view(lambda request: reader.upload(request, self)),
                name="read_report",
            ),
            path(
                "read-report/<str:token>/",
                self.admin_view(lambda request, token: reader.preview(request, self, token)),
                name="read_report_preview",
            ),
            path("targets/start-year/", self.admin_view(start_year_view), name="start_year"),
        ]
        return tools + super().get_urls()

    def has_permission(self, request):
        return request.user.is_active and request.user.is_staff and roles.is_admin(request.user)

    def admin_view(self, view, cacheable=False):
        guarded = super().admin_view(view, cacheable)

        def refuse_other_roles(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return guarded(request, *args, **kwargs)

        refuse_other_roles.__wrapped__ = guarded
        return refuse_other_roles

    def login(self, request, extra_context=None):
        if request.user.is_authenticated and not self.has_permission(request):
            raise PermissionDenied
        return super().login(request, extra_context)
