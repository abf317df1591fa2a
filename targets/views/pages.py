"""The home page and a target's page."""

from django.shortcuts import get_object_or_404, render

from targets.models import Target


def home(request):
    targets = Target.objects.select_related("indicator", "section").order_by(
        "-year", "section__number", "order"
    )
    return render(request, "targets/home.html", {"targets": targets})


def target_detail(request, pk):
    target = get_object_or_404(Target.objects.select_related("indicator", "section"), pk=pk)
    return render(request, "targets/detail.html", {"target": target, "baseline": target.baseline()})
