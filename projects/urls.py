from django.urls import path

from projects.views import gantt, register, work

app_name = "projects"

urlpatterns = [
    path("", register.project_list, name="list"),
    path("new/", register.project_create, name="create"),
    path("gantt/", gantt.gantt, name="gantt"),
    path("<int:pk>/", register.project_detail, name="detail"),
    path("<int:pk>/edit/", register.project_edit, name="edit"),
    path("<int:pk>/stage/", register.project_stage, name="stage"),
    path("<int:pk>/milestones/new/", work.milestone_form, name="milestone_create"),
    path("<int:pk>/milestones/<int:milestone_pk>/", work.milestone_form, name="milestone_edit"),
    path("<int:pk>/log/", work.log_create, name="log_create"),
    path("log/<int:entry_pk>/edit/", work.log_edit, name="log_edit"),
    path("log/<int:entry_pk>/comment/", work.log_comment, name="log_comment"),
    path("attachments/<int:pk>/", work.attachment, name="attachment"),
]
