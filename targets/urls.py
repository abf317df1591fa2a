from django.urls import path

from targets.views import briefing, pages

app_name = "targets"

urlpatterns = [
    path("<int:pk>/", pages.target_detail, name="detail"),
    path("briefing/", briefing.briefing_page, name="briefing"),
    path("briefing/docx/", briefing.briefing_docx, name="briefing_docx"),
]

# 月度填报 (issue 4)
from targets.views import entry as entry_views  # noqa: E402
from targets.views import entry_excel, entry_status  # noqa: E402
from targets.views import registers as register_views  # noqa: E402

urlpatterns += [
    path("entry/", entry_views.entry, name="entry"),
    path("entry/status/", entry_status.entry_status, name="entry_status"),
    path("entry/<int:office>/<int:year>/<int:month>/", entry_views.entry_month, name="entry_month"),
    path("entry/<int:office>/<int:year>/<int:month>/export.xlsx", entry_excel.export, name="entry_export"),
    path("entry/<int:office>/<int:year>/<int:month>/import/", entry_excel.upload, name="entry_import"),
    path(
        "entry/<int:office>/<int:year>/<int:month>/import/preview/",
        entry_excel.preview,
        name="entry_import_preview",
    ),
    path("figures/<int:pk>/history/", entry_views.figure_history, name="figure_history"),
    path(
        "entry/<int:office>/<int:year>/<int:month>/register-kept/",
        register_views.confirm_register,
        name="confirm_register",
    ),
    path(
        "entry/<int:office>/<int:year>/<int:month>/<slug:action>/",
        entry_views.month_action,
        name="month_action",
    ),
]

# 站内消息与催办 (issue 11)
from targets.reminders import views as reminder_views  # noqa: E402

urlpatterns += [
    path("inbox/", reminder_views.inbox, name="inbox"),
    path("inbox/read/", reminder_views.mark_read, name="inbox_read_all"),
    path("inbox/<int:pk>/", reminder_views.open_message, name="inbox_open"),
    path("inbox/<int:pk>/read/", reminder_views.mark_read, name="inbox_read"),
    path("chase/<int:office>/<int:year>/<int:month>/", reminder_views.chase, name="chase"),
]

# 佐证材料 of an office's month (issue 11)
from targets.views import evidence as evidence_views  # noqa: E402

urlpatterns += [
    path("evidence/<int:office>/<int:year>/<int:month>/", evidence_views.upload, name="evidence_upload"),
    path("evidence/<int:pk>/", evidence_views.serve, name="evidence"),
    path("evidence/<int:pk>/remove/", evidence_views.remove, name="evidence_remove"),
]
