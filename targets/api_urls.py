from django.urls import path

from targets.api import read

urlpatterns = [
    path("targets", read.targets_list, name="api-targets"),
]
