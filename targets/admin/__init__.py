"""The Django admin for 管理员: the admin site itself, and one module per concern of what it edits."""

from targets.admin import audit, catalogue, figures, logins, people  # noqa: F401  (registers the model admins)
from targets.reminders import admin as reminders_admin  # noqa: F401
