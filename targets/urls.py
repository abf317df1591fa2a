from django.urls import path

from targets.views import pages

app_name = "targets"

urlpatterns = [
    path("<int:pk>/", pages.target_detail, name="detail"),
]
