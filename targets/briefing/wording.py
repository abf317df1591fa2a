"""The briefing's words: numbers as the town writes them and one sentence per target, by kind and status.

亿元 keep two decimals (0.80亿元); percentages and 个百分点 one decimal at most, with no trailing zero (54.8%,
5个百分点); counts are whole numbers. Every sentence is a full Chinese sentence ending in 。, e.g.
"1—6月，全镇完成一般公共预算收入0.80亿元，完成年度目标的54.8%，超序时进度4.8个百分点。"
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from targets.models import Indicator, Target
from targets.progress import Progress, Status

PERIOD_WORDS = {Target.Period.MONTH: "月", Target.Period.QUARTER: "季度", Target.Period.HALF: "半年"}
TWO_PLACE_UNITS = {"亿元", "亿美元"}


# --- numbers as the town writes them -------------------------------------------------------------------------


def _quantize(value: Decimal, places: int) -> Decimal:
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_percent(value: Decimal) -> str:
    """54.8, 50 (not 50.0), 4.8: one decimal at most, no trailing zero."""
    text = f"{_quantize(value, 1):f}"
    return text[:-2] if text.endswith(".0") else text


def format_amount(value: Decimal, unit: str) -> str:
    """0.80 for 亿元 (the town keeps two decimals), 54.8 for %, 3 for a count, 12.5 for 公里."""
    if unit in TWO_PLACE_UNITS:
        return f"{_quantize(value, 2):f}"
    if "%" in unit:
        return format_percent(value)
    rounded = _quantize(value, 2)
    if rounded == rounded.to_integral_value():
        return f"{rounded.to_integral_value():f}"
    return f"{rounded.normalize():f}"


def period_words(month: int) -> str:
    """1月, 1—6月: the year-to-date span the figures cover."""
    return _("1月") if month == 1 else _("1—%(month)s月") % {"month": month}


def difference_words(gap: Decimal, unit: str, *, against: str) -> str:
    """高于目标1.1个百分点 / 低于目标2个百分点 / 与目标持平."""
    if gap == 0:
        return _("与%(against)s持平") % {"against": against}
    step = _("个百分点") if "%" in unit else unit
    template = _("高于%(against)s%(size)s%(step)s") if gap > 0 else _("低于%(against)s%(size)s%(step)s")
    return template % {"against": against, "size": format_percent(abs(gap)), "step": step}


def schedule_words(target: Target, progress: Progress) -> str:
    """超序时进度4.8个百分点 / 达到序时进度 / 落后序时进度3个百分点 / 已完成年度目标 / 未完成年度目标."""
    status = progress.status
    if status == Status.AHEAD:
        return _("超序时进度%(gap)s个百分点") % {"gap": format_percent(progress.gap)}
    if status == Status.ON:
        return _("达到序时进度")
    if status == Status.BEHIND:
        return _("落后序时进度%(gap)s个百分点") % {"gap": format_percent(abs(progress.gap))}
    if target.deadline:
        if status == Status.DONE:
            return _("已完成目标")
        return _("未能在%(month)s月底前完成") % {"month": target.deadline.month}
    if status == Status.DONE:
        return _("已完成年度目标")
    return _("未完成年度目标")


# --- one sentence per target ---------------------------------------------------------------------------------


def sentence(target: Target, progress: Progress) -> str:
    """What the briefing says about one target that has figures, as a full sentence ending in 。."""
    name = target.indicator.name
    unit = target.indicator.unit
    span = period_words(progress.month)
    kind = target.kind
    if kind == Target.Kind.MILESTONE:
        return _milestone_sentence(target, progress)
    if kind == Target.Kind.RECURRING:
        return _recurring_sentence(target, progress)
    if kind == Target.Kind.SHARE:
        return _share_sentence(target, progress)
    if kind == Target.Kind.GROWTH and progress.basis == "same-period":
        growth = progress.growth
        trend = _("同比增长%(rate)s%%") if growth >= 0 else _("同比下降%(rate)s%%")
        return _("%(span)s，%(name)s%(trend)s，%(diff)s。") % {
            "span": span,
            "name": name,
            "trend": trend % {"rate": format_percent(abs(growth))},
            "diff": difference_words(progress.gap, "%", against=_("目标")),
        }
    if kind == Target.Kind.GROWTH and progress.basis == "reported-rate":  # the 累计增速 statistics publish
        growth = progress.growth
        trend = _("累计增长%(rate)s%%") if growth >= 0 else _("累计下降%(rate)s%%")
        return _("%(span)s，%(name)s%(trend)s，%(diff)s。") % {
            "span": span,
            "name": name,
            "trend": trend % {"rate": format_percent(abs(growth))},
            "diff": difference_words(progress.gap, "%", against=_("目标")),
        }
    if kind == Target.Kind.GROWTH and progress.basis == "growth-no-base":
        return _("%(span)s，全镇完成%(name)s%(amount)s%(unit)s，上年同期数据暂缺，暂无法计算增速。") % {
            "span": span,
            "name": name,
            "amount": format_amount(progress.actual, unit),
            "unit": unit,
        }
    done = {
        "span": span,
        "name": name,
        "amount": format_amount(progress.actual, unit),
        "unit": unit,
        "completion": format_percent(progress.completion),
        "schedule": schedule_words(target, progress),
    }
    if kind == Target.Kind.GROWTH:  # measured against the amount last year's result and the rate imply
        done["rate"] = format_percent(target.value)
        done["goal"] = format_amount(progress.goal, unit)
        return (
            _(
                "%(span)s，全镇完成%(name)s%(amount)s%(unit)s，"
                "完成年度目标（按增长%(rate)s%%折算为%(goal)s%(unit)s）的%(completion)s%%，%(schedule)s。"
            )
            % done
        )
    if kind == Target.Kind.AMOUNT and unit not in COUNT_UNITS:
        return (
            _("%(span)s，全镇完成%(name)s%(amount)s%(unit)s，完成年度目标的%(completion)s%%，%(schedule)s。")
            % done
        )
    if not progress.actual:  # never "已完成0个": say nothing is done yet, and how that stands against 序时
        if progress.status == Status.PENDING:
            return _("%(span)s，%(name)s尚无完成，待年末评定。") % done
        return _("%(span)s，%(name)s尚无完成，%(schedule)s。") % done
    if progress.status == Status.PENDING:
        return (
            _("%(span)s，%(name)s已完成%(amount)s%(unit)s，完成年度目标的%(completion)s%%，待年末评定。")
            % done
        )
    if target.deadline:
        done["due"] = target.deadline.month
        return (
            _(
                "%(span)s，%(name)s已完成%(amount)s%(unit)s，完成目标（%(due)s月底前）的%(completion)s%%，"
                "%(schedule)s。"
            )
            % done
        )
    return (
        _("%(span)s，%(name)s已完成%(amount)s%(unit)s，完成年度目标的%(completion)s%%，%(schedule)s。") % done
    )


# Units of things counted one by one: "已完成3个" reads better than "全镇完成3个".
COUNT_UNITS = {"个", "家", "户", "条", "次", "项", "座", "处", "名", "人", "场", "所", "批"}


def _share_sentence(target: Target, progress: Progress) -> str:
    unit = target.unit or target.indicator.unit
    if progress.status == Status.PENDING:
        return _("%(month)s月末，%(name)s为%(level)s%(unit)s，待年末评定。") % {
            "month": progress.month,
            "name": target.indicator.name,
            "level": format_amount(progress.actual, unit),
            "unit": unit,
        }
    lower = target.indicator.direction == Indicator.Direction.LOWER
    level_gap = progress.actual - target.value  # signed, in the level's own points
    values = {
        "month": progress.month,
        "name": target.indicator.name,
        "level": format_amount(progress.actual, unit),
        "unit": unit,
    }
    if lower:
        values["diff"] = difference_words(level_gap, unit, against=_("目标上限"))
        return _("%(month)s月末，%(name)s为%(level)s%(unit)s，%(diff)s。") % values
    values["diff"] = difference_words(level_gap, unit, against=_("目标"))
    if level_gap >= 0:
        return _("%(month)s月末，%(name)s达到%(level)s%(unit)s，%(diff)s。") % values
    return _("%(month)s月末，%(name)s为%(level)s%(unit)s，%(diff)s。") % values


def _recurring_sentence(target: Target, progress: Progress) -> str:
    word = PERIOD_WORDS.get(target.period, "季度")
    values = {
        "span": period_words(progress.month),
        "name": target.indicator.name,
        "word": word,
        "met": format_amount(progress.actual, "个"),
        "periods": format_amount(progress.goal, "个"),
    }
    if progress.status == Status.MISSED:
        tail = _("有%(word)s未达到要求") % values
    elif progress.status == Status.DONE:
        tail = _("全年均已完成")
    else:
        tail = _("均按期完成")
    values["tail"] = tail
    return (
        _("%(span)s，%(name)s按每%(word)s要求已达标%(met)s个%(word)s（全年共%(periods)s个），%(tail)s。")
        % values
    )


def _milestone_sentence(target: Target, progress: Progress) -> str:
    values = {"name": target.indicator.name}
    if progress.basis == "works":  # judged by its works on the register
        if progress.status == Status.ON:
            return _("%(name)s按期推进。") % values
        if progress.status == Status.BEHIND:
            return _("%(name)s有时间节点滞后。") % values
    if progress.status == Status.PENDING:
        return _("%(name)s待年末评定。") % values
    if progress.status == Status.DONE:
        return _("%(name)s已完成。") % values
    if progress.status == Status.MISSED:
        values["due"] = target.deadline.month if target.deadline else 12
        return _("%(name)s未能在%(due)s月底前完成。") % values
    if target.deadline:
        values["due"] = target.deadline.month
        return _("%(name)s正在推进，尚未完成（限%(due)s月底前完成）。") % values
    return _("%(name)s正在推进，尚未完成。") % values
