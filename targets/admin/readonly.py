"""A mixin for admin pages of histories."""


class ReadOnlyMixin:
    """For histories: shown to admins, never added to, changed or deleted by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
