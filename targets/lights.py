"""亮灯: the green, yellow or red light a target shows beside its status word, as Chinese staff read progress.

- green (绿灯): at or ahead of 序时, or done;
- yellow (黄灯): behind 序时 by less than ``BoardSettings.red_gap`` points (5 by default);
- red (红灯): behind by ``red_gap`` points or more, missed (未完成), or any 确保 target behind (an admin may turn
  that last rule off in 看板设置);
- no light: nothing to judge yet (暂无数据, 待评定, a milestone under way).

The light never stands alone: the page writes its name for screen readers and the status word beside it.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from targets.models import BoardSettings
from targets.progress import Progress, Status


class Light(models.TextChoices):
    GREEN = "green", _("绿灯")
    YELLOW = "yellow", _("黄灯")
    RED = "red", _("红灯")


GREEN_STATUSES = {Status.AHEAD, Status.ON, Status.DONE}


@dataclass(frozen=True)
class Thresholds:
    """The admin's thresholds, read once per page (``thresholds()``) and passed to ``light`` for every target."""

    red_gap: object
    ensure_behind_red: bool


def thresholds(board: BoardSettings | None = None) -> Thresholds:
    board = board or BoardSettings.current()
    return Thresholds(red_gap=board.red_gap, ensure_behind_red=board.ensure_behind_red)


def light(progress: Progress, is_ensure: bool, limits: Thresholds) -> Light | None:
    """The light of a target at ``progress`` (rules in the module doc); ``None`` when there is nothing to judge."""
    if progress.status in GREEN_STATUSES:
        return Light.GREEN
    if progress.status == Status.MISSED:
        return Light.RED
    if progress.status != Status.BEHIND:
        return None
    if is_ensure and limits.ensure_behind_red:
        return Light.RED
    if progress.gap is not None and -progress.gap >= limits.red_gap:
        return Light.RED
    return Light.YELLOW
