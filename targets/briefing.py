"""The monthly briefing (月度通报): paragraphs the application writes for a month, section by section.

``compose(year, month)`` reads the targets of ``year`` and the figures up to ``month``, asks the progress engine
where each stands and writes, in the words town staff use, one paragraph per section of the report, then the
targets behind 序时 (确保 first) with the 原因 and 下步措施 their offices gave, then what other apps registered
(the projects that slipped), then a closing line on how fresh the data is. The page and the .docx both render
the same ``Briefing``, so they always say the same thing.

Other apps add their own paragraphs without ``targets`` importing them: ``projects`` registers a provider at
start-up with ``register_section``. A provider is a callable ``(year, month) -> list[BriefingItem]``.

Numbers are written as the town writes them: 亿元 with two decimals (0.80亿元), percentages and percentage points
with one decimal and no trailing zero (54.8%, 5个百分点), counts as whole numbers.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from targets.models import Figure, Indicator, Section, Target
from targets.progress import Progress, Status, evaluate_targets

_providers: list[Callable] = []

TOWN = "正余镇"
FIRMNESS_RANK = {Target.Firmness.ENSURE: 0, Target.Firmness.STRIVE: 1, Target.Firmness.ABOVE: 2}
PERIOD_WORDS = {Target.Period.MONTH: "月", Target.Period.QUARTER: "季度", Target.Period.HALF: "半年"}
CHINESE_NUMERALS = "一二三四五六七八九十"
TWO_PLACE_UNITS = {"亿元", "亿美元"}
SAMPLE_NOTICE = gettext_noop(
    "示例数据：本通报使用了演示用的生成数据，不是各单位的真实填报，不得作为工作依据。"
)


@dataclass(frozen=True)
class BriefingItem:
    """One heading of the briefing with its paragraphs (plain text, Chinese)."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)
    order: int = 100


@dataclass(frozen=True)
class Briefing:
    """The briefing of one month: a title, headed paragraphs and a closing line, ready to render anywhere."""

    year: int
    month: int
    title: str
    items: list[BriefingItem]
    closing: str
    is_sample: bool = False
    has_data: bool = True

    @property
    def sample_notice(self) -> str:
        return _(SAMPLE_NOTICE) if self.is_sample else ""

    def texts(self) -> list[str]:
        """Every line in reading order: the sample notice if any, the title, then each heading and its paragraphs, then the closing line."""
        lines = [self.sample_notice] if self.is_sample else []
        lines.append(self.title)
        for item in self.items:
            lines.append(item.heading)
            lines.extend(item.paragraphs)
        lines.append(self.closing)
        return lines


def register_section(provider: Callable) -> None:
    if provider not in _providers:
        _providers.append(provider)


def registered_items(year: int, month: int) -> list[BriefingItem]:
    """What the registered providers say about ``month`` of ``year``, in their order."""
    items = []
    for provider in _providers:
        items.extend(provider(year, month))
    return sorted(items, key=lambda item: item.order)


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
    if progress.status == Status.DONE:
        return _("%(name)s已完成。") % values
    if progress.status == Status.MISSED:
        values["due"] = target.deadline.month if target.deadline else 12
        return _("%(name)s未能在%(due)s月底前完成。") % values
    if target.deadline:
        values["due"] = target.deadline.month
        return _("%(name)s正在推进，尚未完成（限%(due)s月底前完成）。") % values
    return _("%(name)s正在推进，尚未完成。") % values


# --- the whole briefing --------------------------------------------------------------------------------------


def has_figures(progress: Progress) -> bool:
    return progress.actual is not None


def behind_order(target: Target, progress: Progress) -> tuple:
    """确保 first, then 力争, then the rest; within each, missed before behind, then in the report's order."""
    return (
        FIRMNESS_RANK.get(target.firmness, 9),
        0 if progress.status == Status.MISSED else 1,
        target.section.number,
        target.order,
        target.pk,
    )


def _behind_paragraph(target: Target, progress: Progress, figure: Figure | None) -> str:
    reason = (figure.reason if figure else "").strip().rstrip("。") or _("未填报")
    measures = (figure.measures if figure else "").strip().rstrip("。") or _("未填报")
    label = target.indicator.name
    if target.firmness in {Target.Firmness.ENSURE, Target.Firmness.STRIVE}:
        label = _("%(name)s（%(firmness)s目标）") % {"name": label, "firmness": target.firmness}
    office = target.indicator.office.name if target.indicator.office else _("未指定牵头单位")
    return _(
        "%(label)s，%(status)s，%(office)s牵头。%(sentence)s原因：%(reason)s。下步措施：%(measures)s。"
    ) % {
        "label": label,
        "status": progress.status_label,
        "office": office,
        "sentence": sentence(target, progress),
        "reason": reason,
        "measures": measures,
    }


def _summary(year: int, month: int, targets, progress: dict[int, Progress]) -> str:
    counts = dict.fromkeys(Status, 0)
    under_way = 0  # a milestone with figures but not done yet has no 序时 status; it is not "without data"
    for target in targets:
        state = progress[target.pk]
        if state.status == Status.NONE and has_figures(state):
            under_way += 1
        else:
            counts[state.status] += 1
    parts = [
        _("%(label)s%(count)s项") % {"label": status.label, "count": counts[status]}
        for status in (Status.AHEAD, Status.ON, Status.BEHIND, Status.DONE, Status.MISSED)
        if counts[status]
    ]
    if under_way:
        parts.append(_("正在推进%(count)s项") % {"count": under_way})
    if counts[Status.NONE]:
        parts.append(_("暂无数据%(count)s项") % {"count": counts[Status.NONE]})
    return _("截至%(year)s年%(month)s月末，全镇%(total)s项年度目标中，%(parts)s。") % {
        "year": year,
        "month": month,
        "total": len(targets),
        "parts": "、".join(parts),
    }


def section_heading(section: Section) -> str:
    """（一）坚持壮大产业集群，…: the report's numbering, added when the stored title does not carry it."""
    title = section.title
    if 1 <= section.number <= len(CHINESE_NUMERALS) and not title.startswith(("（", "(")):
        return f"（{CHINESE_NUMERALS[section.number - 1]}）{title}"
    return title


def briefing_title(year: int, month: int) -> str:
    return _("%(town)s%(year)s年%(span)s目标进度通报") % {
        "town": TOWN,
        "year": year,
        "span": period_words(month),
    }


def compose(year: int, month: int) -> Briefing:
    """The briefing for ``month`` of ``year``; ``has_data`` is false when nothing is reported up to that month."""
    targets = list(
        Target.objects.filter(year=year)
        .select_related("indicator", "indicator__office", "section")
        .order_by("section__number", "order", "id")
    )
    indicator_ids = {target.indicator_id for target in targets}
    figures = Figure.objects.filter(indicator_id__in=indicator_ids, year=year, month__lte=month)
    stats = figures.aggregate(count=Count("id"), updated=Max("updated_at"))
    progress = evaluate_targets(targets, month)
    has_data = bool(stats["count"]) or any(has_figures(p) for p in progress.values())
    title = briefing_title(year, month)
    if not targets or not has_data:
        closing = _("%(year)s年%(month)s月尚无填报数据，暂不能生成通报。") % {"year": year, "month": month}
        return Briefing(year, month, title, [], closing, has_data=False)

    items = [BriefingItem(_("总体情况"), [_summary(year, month, targets, progress)], order=0)]
    by_section: dict[int, list[Target]] = {}
    for target in targets:
        by_section.setdefault(target.section_id, []).append(target)
    for section in Section.objects.filter(pk__in=by_section).order_by("number"):
        reported = [t for t in by_section[section.pk] if has_figures(progress[t.pk])]
        missing = [t for t in by_section[section.pk] if not has_figures(progress[t.pk])]
        paragraphs = []
        if reported:
            paragraphs.append("".join(sentence(t, progress[t.pk]) for t in reported))
        if missing:
            paragraphs.append(
                _("以下%(count)s项指标本月暂无数据：%(names)s。")
                % {"count": len(missing), "names": "、".join(t.indicator.name for t in missing)}
            )
        items.append(BriefingItem(section_heading(section), paragraphs, order=10 + section.number))

    behind = sorted(
        (t for t in targets if progress[t.pk].is_behind), key=lambda t: behind_order(t, progress[t.pk])
    )
    this_month = {
        figure.indicator_id: figure
        for figure in figures.filter(month=month, indicator_id__in={t.indicator_id for t in behind})
    }
    if behind:
        paragraphs = [
            f"{number}. {_behind_paragraph(t, progress[t.pk], this_month.get(t.indicator_id))}"
            for number, t in enumerate(behind, start=1)
        ]
    else:
        paragraphs = [_("本月没有欠序时进度或未完成的目标。")]
    items.append(BriefingItem(_("欠序时进度及未完成目标"), paragraphs, order=50))
    items.extend(registered_items(year, month))

    is_sample = Figure.objects.filter(
        indicator_id__in=indicator_ids, year__in=[year, year - 1], month__lte=month, is_sample=True
    ).exists()
    closing = _closing(year, month, len(targets), progress, stats["updated"])
    return Briefing(year, month, title, items, closing, is_sample=is_sample)


def _closing(year, month, total, progress, updated) -> str:
    reported = sum(1 for p in progress.values() if has_figures(p))
    text = _(
        "本通报依据各单位截至%(year)s年%(month)s月的填报数据自动生成，%(total)s项目标中%(reported)s项有数据"
    ) % {"year": year, "month": month, "total": total, "reported": reported}
    if updated:
        local = timezone.localtime(updated)
        text += _("，数据最近更新于%(y)s年%(m)s月%(d)s日") % {
            "y": local.year,
            "m": local.month,
            "d": local.day,
        }
    return text + "。"


def latest_month_with_data(year: int | None = None) -> tuple[int, int] | None:
    """The latest (year, month) with a figure for an indicator that has a target that year, or ``None``."""
    figures = Figure.objects.filter(indicator__targets__year=F("year"))
    if year is not None:
        figures = figures.filter(year=year)
    row = figures.order_by("-year", "-month").values_list("year", "month").first()
    return tuple(row) if row else None
