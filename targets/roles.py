"""The three roles of the dashboard, as Django groups, and every rule of who may do what: the one home for them.

- 填报员 (``STAFF``): enters figures and updates projects for their own office only.
- 领导 (``LEADER``): reads everything, approves months, chases offices (催办), comments on project logs.
- 管理员 (``ADMIN``): edits indicators, targets, users and periods; reopens months; may do anything a leader may.
- An account with no role sees nothing but a page telling it to ask an admin (``targets.middleware``).

A superuser counts as an admin. Every check is made on the server; templates only hide what a role cannot use.
Views, services, the API and the projects app ask the ``may_*`` questions below and never spell a rule again.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

STAFF = "填报员"
LEADER = "领导"
ADMIN = "管理员"
ROLES = (STAFF, LEADER, ADMIN)
# The group names are data (stable in the database); these are what a reader sees, in the reader's language.
ROLE_LABELS = {STAFF: _("填报员"), LEADER: _("领导"), ADMIN: _("管理员")}


def role_names(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            cached.add(ADMIN)
        user._role_names = cached
    return cached


def remember_role_names(user, group_names) -> None:
    """Keep the names of the user's groups, read with the user (``targets.backends``), for ``role_names``."""
    names = set(group_names)
    if user.is_superuser:
        names.add(ADMIN)
    user._role_names = names


def is_admin(user) -> bool:
    return ADMIN in role_names(user)


def is_leader(user) -> bool:
    """Leaders and admins: everyone who reads the whole town and may approve."""
    return bool(role_names(user) & {LEADER, ADMIN})


def is_staff_member(user) -> bool:
    return STAFF in role_names(user)


def may_chase(user) -> bool:
    """Leaders and admins may 催办 (chase) an office's late or missing month; staff may not."""
    return is_leader(user)


def office_of(user):
    """The office a user belongs to, or ``None``."""
    profile = getattr(user, "profile", None) if user.is_authenticated else None
    return profile.office if profile else None


def has_role(user) -> bool:
    """Whether the account holds any role; one without sees only the page telling it to ask an admin."""
    return bool(role_names(user))


def no_role_message() -> str:
    return str(_("您的账号尚未分配角色，请联系管理员。"))


# The rules. ``office`` is a ``targets.Office`` (or ``None``), ``project`` a ``projects.Project``.


def may_enter(user, office) -> bool:
    """Enter an office's monthly figures: its own 填报员, and admins; leaders only read and approve."""
    if is_admin(user):
        return True
    return is_staff_member(user) and office is not None and office_of(user) == office


def may_read_office(user, office) -> bool:
    """Open an office's monthly form, its Excel download and its figures' history: leaders, admins, its staff."""
    return is_leader(user) or may_enter(user, office)


def may_approve(user) -> bool:
    """Approve or return a submitted month: 领导 and 管理员."""
    return is_leader(user)


def may_reopen(user) -> bool:
    """Reopen a submitted or approved month, restore an earlier value, enter a closed period: 管理员 only."""
    return is_admin(user)


def may_see_all_offices(user) -> bool:
    """The town-wide pages: who has reported (填报情况) and the monthly briefing (月度通报)."""
    return is_leader(user)


def may_create_project(user) -> bool:
    """Register a new project: admins, and staff an admin has given an office (for that office)."""
    return is_admin(user) or (is_staff_member(user) and office_of(user) is not None)


def may_edit_project(user, project) -> bool:
    """Edit a project, its stages, time nodes and weekly log: its office's 填报员, and admins."""
    if is_admin(user):
        return True
    office = office_of(user)
    return is_staff_member(user) and office is not None and project.office_id == office.pk


def may_comment_log(user) -> bool:
    """Write a 批示 on a weekly log entry: 领导 and 管理员."""
    return is_leader(user)


def require(predicate, user, *args) -> None:
    """Raise ``PermissionDenied`` (a 403) unless ``predicate(user, *args)``."""
    if not predicate(user, *args):
        raise PermissionDenied


def primary_role(user) -> str | None:
    """The role shown in the navigation: the highest one a user holds."""
    names = role_names(user)
    for role in (ADMIN, LEADER, STAFF):
        if role in names:
            return role
    return None


# Model permissions each role's group holds; office-level limits are checked in the views and services.
GROUP_PERMISSIONS = {
    STAFF: [
        "targets.view_target",
        "targets.view_indicator",
        "targets.view_figure",
        "targets.add_figure",
        "targets.change_figure",
        "projects.view_project",
        "projects.add_project",
        "projects.change_project",
    ],
    LEADER: ["targets.view_all_targets", "*.view_*"],
    ADMIN: ["*"],
}


def ensure_groups(**kwargs) -> None:
    """Create the three role groups with their permissions; run after every migrate."""
    from django.contrib.auth.models import Group, Permission

    all_permissions = Permission.objects.filter(content_type__app_label__in=["targets", "projects", "auth"])
    for name, wanted in GROUP_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        chosen = [
            permission
            for permission in all_permissions
            if any(_permission_matches(permission, pattern) for pattern in wanted)
        ]
        group.permissions.set(chosen)


def _permission_matches(permission, pattern: str) -> bool:
    if pattern == "*":
        return True
    app_label, _dot, codename = pattern.partition(".")
    label = permission.content_type.app_label
    if app_label not in {"*", label}:
        return False
    if codename.endswith("*"):
        return permission.codename.startswith(codename[:-1])
    return permission.codename == codename
