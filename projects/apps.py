from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("项目与实事")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from projects.counting import count_projects
        from targets import counting

        counting.register(count_projects)
        try:
            from targets.panels import register_panel
        except ImportError:  # the integrator adds target-page panels; until then the panel is not wired
            pass
        else:
            from projects.panels import counted_projects_panel

            register_panel(counted_projects_panel)
