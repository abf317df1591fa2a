"""Puts the user's role, office and navigation into every template."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from targets import roles

# (label, URL name, roles that see it). A page not built yet (no such URL name) is left out.
NAVIGATION = [
    (_("看板"), "home", roles.ROLES),
    (_("月度填报"), "targets:entry", (roles.STAFF,)),
    (_("填报情况"), "targets:entry_status", (roles.LEADER, roles.ADMIN)),
    (_("月度通报"), "targets:briefing", (roles.LEADER, roles.ADMIN)),
    (_("项目台账"), "projects:list", roles.ROLES),
    (_("挂图作战"), "projects:gantt", roles.ROLES),
    (_("站内消息"), "targets:inbox", roles.ROLES),
    (_("管理后台"), "admin:index", (roles.ADMIN,)),
]
# Pages about one's own office: shown only to users an admin has given an office.
OFFICE_PAGES = {"targets:entry"}


def navigation(request):
    user = getattr(request, "user", None)
    if user is None:  # the request failed before authentication ran, e.g. a bad Host header
        return {"nav_items": []}
    held = roles.role_names(user)
    office = roles.office_of(user)
    items = []
    for label, url_name, allowed in NAVIGATION:
        if not held & set(allowed):
            continue
        if url_name in OFFICE_PAGES and office is None:
            continue  # a 填报员 not yet given an office has nothing to enter
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        item = {"label": label, "url": url, "active": request.path == url}
        if url_name == "targets:inbox":
            from targets.reminders.services import unread_count

            item["badge"] = unread_count(user)
        items.append(item)
    return {
        "role": roles.primary_role(user),
        "role_label": roles.ROLE_LABELS.get(roles.primary_role(user), ""),
        "is_admin": roles.is_admin(user),
        "is_leader": roles.is_leader(user),
        "is_staff_member": roles.is_staff_member(user),
        "user_office": office,
        "nav_items": items,
    }
