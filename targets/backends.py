"""The authentication backend: Django's own, reading the logged-in user with what every page asks about them.

Every page shows the user's role and office (navigation, the header) and checks the role on the server, which
cost two more queries per request (the groups, the profile). ``get_user`` reads the user, their profile and
office and the names of their groups in one query; ``targets.roles`` reads the names from there.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Q

from targets import roles


class UserWithRolesBackend(ModelBackend):
    def get_user(self, user_id):
        model = get_user_model()
        try:
            user = (
                model._default_manager.select_related("profile__office")
                .annotate(
                    group_names=ArrayAgg(
                        "groups__name", filter=Q(groups__isnull=False), distinct=True, default=[]
                    )
                )
                .get(pk=user_id)
            )
        except model.DoesNotExist:
            return None
        if not self.user_can_authenticate(user):
            return None
        roles.remember_role_names(user, user.group_names)
        return user
