from django.urls import path

from targets.api import read

urlpatterns = [
    path("targets", read.targets_list, name="api-targets"),
]

# 月度填报的写入接口 (issue 4)
from targets.api import write  # noqa: E402

urlpatterns += [path("figures", write.figures, name="api-figures")]
