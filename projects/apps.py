from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("项目与实事")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from projects.briefing import briefing_items
        from projects.counting import count_projects_batch
        from projects.panels import counted_projects_panel
        from targets import briefing, counting, panels

        counting.register_batch(count_projects_batch)
        panels.register_panel(counted_projects_panel)
        briefing.register_section(briefing_items)
