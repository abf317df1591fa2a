"""Who may do what in the register, checked on the server by every view that writes.

- 填报员 edit the projects of their own office (and create projects for it), write their weekly log.
- 领导 read everything and add 批示 to log entries; they do not edit projects.
- 管理员 may do everything.
Everyone logged in may read the register, the wall chart and the attachments.
"""

from django.core.exceptions import PermissionDenied

from targets import roles


def can_create(user) -> bool:
    return roles.is_admin(user) or (roles.is_staff_member(user) and roles.office_of(user) is not None)


def can_edit(user, project) -> bool:
    if roles.is_admin(user):
        return True
    office = roles.office_of(user)
    return roles.is_staff_member(user) and office is not None and project.office_id == office.pk


def can_comment(user) -> bool:
    return roles.is_leader(user)


def require_edit(user, project) -> None:
    if not can_edit(user, project):
        raise PermissionDenied


def require_create(user) -> None:
    if not can_create(user):
        raise PermissionDenied


def require_comment(user) -> None:
    if not can_comment(user):
        raise PermissionDenied
