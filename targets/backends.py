"""The authentication backend: Django's own, reading the logged-in user with what every page asks about them.

Every page shows the user's role and office (navigation, the header), the count of unread messages in the
navigation, and checks the role on the server, which cost three more queries per request (the groups, the
profile, the inbox). ``get_user`` reads the user, their profile and office, the names of their groups and their
unread messages in one query; ``targets.roles`` and ``targets.reminders.services.unread_count`` read them there.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from targets import roles


class UserWithRolesBackend(ModelBackend):
    def get_user(self, user_id):
        model = get_user_model()
        message = apps.get_model("targets", "Message")
        unread = (
            message.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
            .order_by()
            .values("recipient")
            .annotate(count=Count("pk"))
            .values("count")
        )
        try:
            user = (
                model._default_manager.select_related("profile__office")
                .annotate(
                    group_names=ArrayAgg(
                        "groups__name", filter=Q(groups__isnull=False), distinct=True, default=[]
                    ),
                    unread_messages=Coalesce(Subquery(unread, output_field=IntegerField()), 0),
                )
                .get(pk=user_id)
            )
        except model.DoesNotExist:
            return None
        if not self.user_can_authenticate(user):
            return None
        roles.remember_role_names(user, user.group_names)
        return user
