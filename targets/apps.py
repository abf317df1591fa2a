from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class TargetsConfig(AppConfig):
    name = "targets"
    verbose_name = _("目标与指标")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from targets.pagecache import install_triggers
        from targets.roles import ensure_groups

        post_migrate.connect(ensure_groups, sender=self, dispatch_uid="targets.ensure_groups")
        # Every app's tables: the data's version changes with any write a page could show (targets.pagecache).
        post_migrate.connect(install_triggers, dispatch_uid="targets.pagecache.install_triggers")


class TownAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the town's site: only 管理员 may enter (see ``targets.admin_site``)."""

    default = False  # targets.apps is the targets app's own module; TargetsConfig stays its default
    default_site = "targets.admin_site.TownAdminSite"
