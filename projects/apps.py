from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("项目与实事")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        """Serve ``targets`` through its registries, never the other way round: the register's counts,
        activity and works states (``targets.counting``), the counted-projects panel, the briefing's items, and the
        count rules carried into a new year with their targets (``targets.years``)."""
        from projects.briefing import briefing_items
        from projects.counting import RegisterReading, carry_count_rules
        from projects.panels import counted_projects_panel
        from targets import briefing, counting, panels, years

        counting.register_reader(RegisterReading)
        years.register_carrier(carry_count_rules)
        panels.register_panel(counted_projects_panel)
        briefing.register_section(briefing_items)
