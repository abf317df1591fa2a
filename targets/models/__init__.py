"""The targets app's models: offices and users, the report's catalogue, and the monthly figures."""

from targets.models.audit import AdminChange
from targets.models.board import BoardSettings
from targets.models.catalogue import Indicator, Result, Section, Target, TargetRevision
from targets.models.evidence import Evidence
from targets.models.figures import Figure, FigureChange, OfficeMonth, OfficeMonthEvent, Period
from targets.models.imports import PendingImport
from targets.models.logins import LoginFailure, LoginLock, LoginRecord
from targets.models.org import Office, Profile
from targets.models.tokens import ApiToken
from targets.models.versions import DataChange, DataVersion
from targets.reminders.models import Chase, Delivery, Message, OfficeWebhook, ReminderSettings

__all__ = [
    "AdminChange",
    "ApiToken",
    "BoardSettings",
    "Chase",
    "DataChange",
    "DataVersion",
    "Delivery",
    "Evidence",
    "Figure",
    "FigureChange",
    "Indicator",
    "LoginFailure",
    "LoginLock",
    "LoginRecord",
    "Message",
    "Office",
    "OfficeWebhook",
    "OfficeMonth",
    "OfficeMonthEvent",
    "PendingImport",
    "Period",
    "Profile",
    "ReminderSettings",
    "Result",
    "Section",
    "Target",
    "TargetRevision",
]
