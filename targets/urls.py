from django.urls import path

from targets.views import briefing, pages

app_name = "targets"

urlpatterns = [
    path("<int:pk>/", pages.target_detail, name="detail"),
    path("briefing/", briefing.briefing_page, name="briefing"),
    path("briefing/docx/", briefing.briefing_docx, name="briefing_docx"),
]
