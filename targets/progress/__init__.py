"""The progress engine: how far a target has come by the end of a month, and whether that is on schedule.

``evaluate`` is pure: it takes a target and its figures and returns a ``Progress``; ``evaluate_targets`` loads the
figures of many targets in a fixed number of queries (``load_figures``) and calls it for each.

序时进度 (time-elapsed progress). By the end of month N a linear plan expects N/12 of the year's target; a target
with a monthly plan (``Target.phasing``, 12 percentages) expects the sum of its first N shares; a target with a
deadline inside the year expects N/(deadline month) of it, and all of it from the deadline on.

Status bands, in percentage points (``gap`` = completion − expected, turned round for lower-is-better):

- 超序时 (ahead): gap ≥ ``AHEAD_BAND`` (2 points);
- 达序时 (on schedule): 0 ≤ gap < ``AHEAD_BAND``;
- 欠序时 (behind): gap < 0;
- 已完成 (done): the year's target is reached (or a milestone is done, or every period of a recurring target
  was met and the year is over; a rate or level target at the year end);
- 未完成 (missed): the year, the deadline or a past period is over and the target was not reached there;
  a missed quarter of a recurring target stays missed for the rest of the year; a ceiling (lower-is-better
  amount) already passed is missed at once;
- 暂无数据 (no figure yet): nothing reported up to that month. A target with no figure at all stays 暂无数据 even
  after its year is over: the dashboard does not claim a failure nobody reported.

The status is judged against the chosen month, not the month of the last figure: a month not yet entered makes
a target fall behind, which is what a leader should see. ``Progress.data_month`` says which month the figure is of.

How each kind is measured:

- amount, count, deadline: completion = actual ÷ target; for a lower-is-better indicator the target is a
  ceiling, on schedule while completion ≤ expected;
- growth: where the same period of last year is known, the year-to-date growth (累计同比) is compared with the
  target rate: completion is that growth, expected is the target rate, gap is their difference in points (for a
  lower-is-better indicator the target is a rate of decline, 下降3%); where only last year's total is known (the
  2022 baseline), the target implies an amount, baseline × (1 ± rate), and is measured like an amount; where the
  indicator's unit is ``%`` the figures are the growth rates themselves (as statistics publish them) and the
  latest is compared with the target rate;
- share (a rate or level to reach): the latest level against the target level, not phased over the year:
  at or above it (below it for a lower-is-better indicator) is 达序时, ``AHEAD_BAND`` points beyond is 超序时;
- recurring: each period (month, quarter, half year) must reach the target value on its own; a month with no
  figure in a year that has figures counts as none done;
- milestone: a figure of 1 or more (or of the target value, or a count from a register) means done; a figure
  below it before the deadline is under way: status 暂无数据 (there is no 序时 to judge it by), labelled 正在推进
  (``Progress.is_under_way``).

Projection (``Progress.projection``), in the unit of ``goal``: for amounts, the year's outcome if the rest of the
year keeps the pace of the plan so far (actual ÷ expected share); for growth measured against the same period,
the year's growth if it holds; none for levels, periods and milestones. ``needed_per_month`` is what each month
left until the year end (or the deadline) must add to reach the goal.

Figures are in the indicator's unit and follow its measure: a year-to-date total (the last figure up to the
month is the actual), a value of the month (the sum up to the month is the actual) or a level at month end (the
last figure is the actual).
"""

from targets.progress.engine import (
    AHEAD_BAND,
    CENT,
    HUNDRED,
    PERCENT_OF_GOAL,
    PERIOD_MONTHS,
    STATUS_URGENCY,
    TENTH,
    Progress,
    Status,
    actual_to_date,
    due_month,
    evaluate,
    expected_share,
    is_lower_better,
    latest_month,
    percent,
    same_period_last_year,
    status_from_gap,
)
from targets.progress.loading import (
    TargetFigures,
    evaluate_target,
    evaluate_targets,
    load_figures,
    month_end,
    register_series,
    status_history,
)

__all__ = [
    "AHEAD_BAND",
    "CENT",
    "HUNDRED",
    "PERCENT_OF_GOAL",
    "PERIOD_MONTHS",
    "STATUS_URGENCY",
    "TENTH",
    "Progress",
    "Status",
    "TargetFigures",
    "actual_to_date",
    "due_month",
    "evaluate",
    "evaluate_target",
    "evaluate_targets",
    "expected_share",
    "is_lower_better",
    "latest_month",
    "load_figures",
    "month_end",
    "percent",
    "same_period_last_year",
    "status_from_gap",
    "register_series",
    "status_history",
]
