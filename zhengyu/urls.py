"""Root URLs: login, the admin, and each app under its own prefix."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from targets.views import pages as target_pages

urlpatterns = [
    path("", target_pages.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("targets/", include("targets.urls")),
    path("projects/", include("projects.urls")),
    path("api/v1/", include("targets.api_urls")),
]

handler400 = "targets.views.errors.bad_request"
handler403 = "targets.views.errors.permission_denied"
handler404 = "targets.views.errors.page_not_found"
handler500 = "targets.views.errors.server_error"
