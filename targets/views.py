"""Pages of the targets app: the home page, a target's page, and the error pages."""

from django.http import HttpResponseServerError
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from targets.models import Target


def home(request):
    targets = Target.objects.select_related("indicator", "section").order_by(
        "-year", "section__number", "order"
    )
    return render(request, "targets/home.html", {"targets": targets})


def target_detail(request, pk):
    target = get_object_or_404(Target.objects.select_related("indicator", "section"), pk=pk)
    return render(request, "targets/detail.html", {"target": target, "baseline": target.baseline()})


@requires_csrf_token
def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)


@requires_csrf_token
def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


@requires_csrf_token
def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    # Rendered without context processors: the database may be what failed.
    return HttpResponseServerError(loader.get_template("errors/500.html").render())


def csrf_failure(request, reason=""):
    return render(request, "errors/403_csrf.html", status=403)
