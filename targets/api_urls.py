from django.urls import path

from targets import api

urlpatterns = [
    path("targets", api.targets_list, name="api-targets"),
]
