"""A mixin for admin pages of histories, and a column naming a person as every page does."""

from django.contrib import admin

from targets.people import person_name


def person_column(field: str, description):
    """A read-only admin column showing the user in ``field`` by 姓名 (``person_name``), not by login."""

    @admin.display(description=description, ordering=field)
    def column(self, obj):
        return person_name(getattr(obj, field)) or "—"

    column.__name__ = f"{field}_name"
    return column


class ReadOnlyMixin:
    """For histories: shown to admins, never added to, changed or deleted by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
