"""Pages of the project register."""

from django.shortcuts import get_object_or_404, render

from projects.models import Project


def project_list(request):
    projects = Project.objects.select_related("office").order_by("-year", "name")
    return render(request, "projects/list.html", {"projects": projects})


def project_detail(request, pk):
    project = get_object_or_404(Project, pk=pk)
    return render(request, "projects/detail.html", {"project": project})
