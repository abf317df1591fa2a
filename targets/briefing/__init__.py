"""The monthly briefing (月度通报): paragraphs the application writes for a month, section by section.

``compose(year, month)`` reads the targets of ``year`` and the figures up to ``month``, asks the progress engine
where each stands and writes, in the words town staff use, one paragraph per section of the report, then the
targets behind 序时 (确保 first) with the 原因 and 下步措施 their offices gave, then what other apps registered
(the projects that slipped), then a closing line on how fresh the data is. The page and the .docx both render
the same ``Briefing``, so they always say the same thing.

Other apps add their own paragraphs without ``targets`` importing them: ``projects`` registers a provider at
start-up with ``register_section``. A provider is a callable ``(year, month) -> list[BriefingItem]``.

The sentences and the way numbers are written (0.80亿元, 54.8%, 4.8个百分点) live in ``targets.briefing.wording``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from targets.briefing.wording import period_words, sentence
from targets.models import Figure, Office, OfficeMonth, Section, Target
from targets.progress import Progress, Status, evaluate_targets

_providers: list[Callable] = []

TOWN = "正余镇"
FIRMNESS_RANK = {Target.Firmness.ENSURE: 0, Target.Firmness.STRIVE: 1}
CHINESE_NUMERALS = "一二三四五六七八九十"
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


# --- the whole briefing --------------------------------------------------------------------------------------


def has_figures(progress: Progress) -> bool:
    return progress.has_data


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
        label = _("%(name)s（%(firmness)s目标）") % {"name": label, "firmness": target.get_firmness_display()}
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
    if counts[Status.PENDING]:
        parts.append(_("待评定%(count)s项") % {"count": counts[Status.PENDING]})
    if counts[Status.NONE]:
        parts.append(_("暂无数据%(count)s项") % {"count": counts[Status.NONE]})
    return _("截至%(year)s年%(month)s月末，全镇%(total)s项年度目标中，%(parts)s。") % {
        "year": year,
        "month": month,
        "total": len(targets),
        "parts": "、".join(parts),
    }


def _missing_name(target: Target, progress: Progress) -> str:
    """The target's name, with why it has no data when that is more than "nothing reported" (项目台账未更新)."""
    if progress.reason:
        return _("%(name)s（%(reason)s）") % {"name": target.indicator.name, "reason": progress.reason}
    return target.indicator.name


def _stale_registers(targets, progress: dict[int, Progress]) -> str:
    """Which offices have not updated their project register this month, so their counted targets have no
    status: named, instead of a reason nobody gave."""
    by_office: dict[str, list[str]] = {}
    for target in targets:
        if progress[target.pk].basis == "register":
            office = target.indicator.office.name if target.indicator.office else _("未指定牵头单位")
            by_office.setdefault(office, []).append(target.indicator.name)
    if not by_office:
        return ""
    return _(
        "%(offices)s本月未更新项目台账（也未确认本月无新增项目），由台账计数的%(count)s项目标暂无数据：%(names)s。"
    ) % {
        "offices": "、".join(by_office),
        "count": sum(len(names) for names in by_office.values()),
        "names": "、".join(name for names in by_office.values() for name in names),
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

    overall = [_summary(year, month, targets, progress)]
    stale = _stale_registers(targets, progress)
    if stale:
        overall.append(stale)
    items = [BriefingItem(_("总体情况"), overall, order=0)]
    by_section: dict[int, list[Target]] = {}
    for target in targets:
        by_section.setdefault(target.section_id, []).append(target)
    for section in Section.objects.filter(pk__in=by_section).order_by("number"):
        reported = [t for t in by_section[section.pk] if has_figures(progress[t.pk])]
        unreported = [t for t in by_section[section.pk] if not has_figures(progress[t.pk])]
        pending = [t for t in unreported if progress[t.pk].status == Status.PENDING]
        missing = [t for t in unreported if progress[t.pk].status != Status.PENDING]
        paragraphs = []
        if reported:
            paragraphs.append("".join(sentence(t, progress[t.pk]) for t in reported))
        if missing:
            paragraphs.append(
                _("以下%(count)s项指标本月暂无数据：%(names)s。")
                % {
                    "count": len(missing),
                    "names": "、".join(_missing_name(t, progress[t.pk]) for t in missing),
                }
            )
        if pending:
            paragraphs.append(
                _("以下%(count)s项按年度评定，尚待评定：%(names)s。")
                % {"count": len(pending), "names": "、".join(t.indicator.name for t in pending)}
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
    # Every office that reports this year (owns an indicator with a target), whether or not it opened the month.
    reporting = set(
        Office.objects.filter(indicators__targets__year=year).values_list("pk", flat=True).distinct()
    )
    month_states = dict(
        OfficeMonth.objects.filter(year=year, month=month, office_id__in=reporting).values_list(
            "office_id", "state"
        )
    )
    if reporting:
        counts = {state: 0 for state, _label in OfficeMonth.State.choices}
        for state in month_states.values():
            counts[state] += 1
        parts = [
            _("%(state)s%(count)s个") % {"state": label, "count": counts[state]}
            for state, label in OfficeMonth.State.choices
            if counts[state]
        ]
        not_started = len(reporting) - len(month_states)
        if not_started:
            parts.append(_("未开始%(count)s个") % {"count": not_started})
        text += _("；本月%(total)s个填报单位中：%(parts)s") % {
            "total": len(reporting),
            "parts": "、".join(parts),
        }
    return text + "。"


def latest_month_with_data(year: int | None = None) -> tuple[int, int] | None:
    """The latest (year, month) with a figure for an indicator that has a target that year, or ``None``."""
    figures = Figure.objects.filter(indicator__targets__year=F("year"))
    if year is not None:
        figures = figures.filter(year=year)
    row = figures.order_by("-year", "-month").values_list("year", "month").first()
    return tuple(row) if row else None
