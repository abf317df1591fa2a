"""The home page and a target's page."""

from django.shortcuts import get_object_or_404, render

from targets.models import Target
from targets.panels import panels_for


def home(request):
    targets = Target.objects.select_related("indicator", "section").order_by(
        "-year", "section__number", "order"
    )
    return render(request, "targets/home.html", {"targets": targets})


def target_detail(request, pk):
    target = get_object_or_404(Target.objects.select_related("indicator", "section"), pk=pk)
    context = {
        "target": target,
        "baseline": target.baseline(),
        "revisions": target.revisions.select_related("changed_by"),
        "panels": panels_for(request, target),
    }
    return render(request, "targets/detail.html", context)
