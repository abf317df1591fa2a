from django.urls import path

from targets import views

app_name = "targets"

urlpatterns = [
    path("<int:pk>/", views.target_detail, name="detail"),
]
