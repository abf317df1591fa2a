"""The monthly briefing (月度通报): paragraphs the application writes for a month, section by section.

``compose(year, month)`` reads the targets of ``year`` and the figures up to ``month``, asks the progress engine
where each stands and writes, in the words town staff use, one paragraph per section of the report, then the
targets behind 序时 (确保 first) with the 原因 and 下步措施 their offices gave, then what other apps registered
(the projects that slipped), then a closing line on how fresh the data is. The page and the .docx both render
the same ``Briefing``, so they always say the same thing.

Other apps add their own paragraphs without ``targets`` importing them: ``projects`` registers a provider at
start-up with ``register_section``. A provider is a callable ``(year, month, registers=None) -> list[BriefingItem]``.

The sentences and the way numbers are written (0.80亿元, 54.8%, 4.8个百分点) live in ``targets.briefing.wording``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from targets import counting
from targets.briefing.wording import format_percent, period_words, sentence
from targets.models import Figure, OfficeMonth, Section, Target
from targets.people import person_name
from targets.progress import Progress, Status, display
from targets.ranking import rank_offices

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
    """The briefing of one month, ready to render anywhere: the 公文 header (发文机关, 文号, date), a title, headed
    paragraphs, the 序时进度表 (``table``: every target as a ``TargetRow`` with its light), the offices' 排名 and a
    closing line."""

    year: int
    month: int
    title: str
    items: list[BriefingItem]
    closing: str
    is_sample: bool = False
    has_data: bool = True
    table: list = field(default_factory=list)
    ranking: list = field(default_factory=list)
    issuer: str = ""
    document_number: str = ""
    issued_on: date | None = None
    years: list[int] = field(
        default_factory=list
    )  # every year with targets, read with them (the year chooser)

    @property
    def date_words(self) -> str:
        """2023年7月5日: the 成文日期 of the header."""
        day = self.issued_on
        return _("%(y)s年%(m)s月%(d)s日") % {"y": day.year, "m": day.month, "d": day.day} if day else ""

    @property
    def sample_notice(self) -> str:
        return _(SAMPLE_NOTICE) if self.is_sample else ""

    @property
    def table_heading(self) -> str:
        return _("附表：%(year)s年%(span)s目标序时进度表") % {
            "year": self.year,
            "span": period_words(self.month),
        }

    def header_lines(self) -> list[str]:
        """The 公文's head: the 发文机关 and, when an admin set one, the 文号."""
        return [line for line in (self.issuer, self.document_number) if line]

    def signature_lines(self) -> list[str]:
        """The 发文机关署名 and 成文日期 under the text."""
        return [line for line in (self.issuer, self.date_words) if line]

    def texts(self) -> list[str]:
        """Every paragraph in reading order: the sample notice if any, the head, the title, then each heading and
        its paragraphs, the closing line, the signature and date, then the heading of the 序时进度表 (the table
        itself follows it)."""
        lines = [self.sample_notice] if self.is_sample else []
        lines.extend(self.header_lines())
        lines.append(self.title)
        for item in self.items:
            lines.append(item.heading)
            lines.extend(item.paragraphs)
        lines.append(self.closing)
        lines.extend(self.signature_lines())
        if self.table:
            lines.append(self.table_heading)
        return lines

    def table_cells(self) -> list[list[str]]:
        """The 序时进度表 as text, header first: 序号, 目标, 累计完成, 完成率, 序时, 差距, 状态 (light and word)."""
        rows = [[_("序号"), _("目标"), _("累计完成"), _("完成率"), _("序时"), _("差距（百分点）"), _("状态")]]
        for number, row in enumerate(self.table, start=1):
            status = f"{row.light_label} {row.status_label}" if row.light else row.status_label
            rows.append(
                [
                    str(number),
                    f"{row.target.indicator.name}（{row.goal_text}）",
                    row.actual_text,
                    row.completion_text,
                    row.expected_text,
                    row.gap_text,
                    status,
                ]
            )
        return rows


def register_section(provider: Callable) -> None:
    if provider not in _providers:
        _providers.append(provider)


def registered_items(year: int, month: int, registers=None) -> list[BriefingItem]:
    """What the registered providers say about ``month`` of ``year``, in their order; ``registers``
    (``targets.counting``), when the briefing has read them already, spares a provider its own queries."""
    items = []
    for provider in _providers:
        items.extend(provider(year, month, registers=registers))
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


def _behind_paragraph(target: Target, progress: Progress, figure: dict | None) -> str:
    reason = ((figure or {}).get("reason") or "").strip().rstrip("。") or _("未填报")
    measures = ((figure or {}).get("measures") or "").strip().rstrip("。") or _("未填报")
    label = target.indicator.name
    if target.firmness in {Target.Firmness.ENSURE, Target.Firmness.STRIVE}:
        label = _("%(name)s（%(firmness)s目标）") % {"name": label, "firmness": target.get_firmness_display()}
    office = target.indicator.office.name if target.indicator.office else _("未指定牵头单位")
    return _(
        "%(label)s，%(status)s，%(office)s牵头，分管领导：%(leader)s。%(sentence)s原因：%(reason)s。下步措施：%(measures)s。"
    ) % {
        "label": label,
        "status": progress.status_label,
        "office": office,
        "leader": leader_name(target),
        "sentence": sentence(target, progress),
        "reason": reason,
        "measures": measures,
    }


def leader_name(target: Target) -> str:
    """The 分管领导 of the target's indicator by name (姓名, else the login), or 未指定."""
    leader = target.indicator.leader
    if leader is None:
        return _("未指定")
    return person_name(leader)


def _summary(year: int, month: int, targets, progress: dict[int, Progress]) -> str:
    """The opening count, in the dashboard strip's groups (``display.status_key``), in the briefing's order."""
    counts: dict[str, int] = {}
    for target in targets:
        key = display.status_key(progress[target.pk])
        counts[key] = counts.get(key, 0) + 1
    labels = dict(display.status_choices())
    order = [Status.AHEAD, Status.ON, Status.BEHIND, Status.DONE, Status.MISSED, display.UNDER_WAY]
    order += [key for key, _label in display.status_choices() if key not in order]
    parts = [
        _("%(label)s%(count)s项") % {"label": labels[str(key)], "count": counts[str(key)]}
        for key in order
        if counts.get(str(key))
    ]
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


def compose(year: int, month: int, today: date | None = None) -> Briefing:
    """The briefing for ``month`` of ``year``; ``has_data`` is false when nothing is reported up to that month.

    It reads the same rows as the dashboard (``targets.dashboard.evaluated_rows``: targets, figures, lights) and
    the offices' 排名, in a fixed number of queries whatever the number of targets or stored figures.
    """
    # the dashboard's builder imports the table, which reads us
    from targets.dashboard import evaluated_rows, read_year

    read = read_year(year)
    year_targets, years, board = read.targets, read.years, read.board
    registers = counting.read(year_targets)  # once, for the targets' progress and the registered items
    rows, loaded = evaluated_rows(year, month, year_targets, board=board, registers=registers)
    targets = [row.target for row in rows]
    progress = {row.target.pk: row.progress for row in rows}
    # The figures up to the month as entered (read with the others), for the freshness line and the 原因 /
    # 下步措施 of the targets behind.
    figures = [
        {"indicator_id": t.indicator_id, "month": m, "reason": e[0], "measures": e[1], "updated_at": e[2]}
        for t in targets
        for m, e in loaded[t.pk].entries.items()
        if m <= month
    ]
    has_data = bool(figures) or any(has_figures(p) for p in progress.values())
    title = briefing_title(year, month)
    if not targets or not has_data:
        closing = _("%(year)s年%(month)s月尚无填报数据，暂不能生成通报。") % {"year": year, "month": month}
        return Briefing(year, month, title, [], closing, has_data=False, years=years)

    overall = [_summary(year, month, targets, progress)]
    stale = _stale_registers(targets, progress)
    if stale:
        overall.append(stale)
    items = [BriefingItem(_("总体情况"), overall, order=0)]
    by_section: dict[int, list[Target]] = {}
    sections: dict[int, Section] = {}
    for target in targets:
        by_section.setdefault(target.section_id, []).append(target)
        sections[target.section_id] = target.section
    for section in sorted(sections.values(), key=lambda section: (section.number, section.pk)):
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
    this_month = {figure["indicator_id"]: figure for figure in figures if figure["month"] == month}
    if behind:
        paragraphs = [
            f"{number}. {_behind_paragraph(t, progress[t.pk], this_month.get(t.indicator_id))}"
            for number, t in enumerate(behind, start=1)
        ]
    else:
        paragraphs = [_("本月没有欠序时进度或未完成的目标。")]
    items.append(BriefingItem(_("欠序时进度及未完成目标"), paragraphs, order=50))

    ranking = rank_offices(rows, year, month, today=today)
    if ranking.offices:
        items.append(BriefingItem(_("单位排名"), [ranking_paragraph(ranking.offices)], order=60))
    items.extend(registered_items(year, month, registers))

    is_sample = any(p.sample for p in progress.values())
    updated = max((figure["updated_at"] for figure in figures), default=None)
    closing = _closing(
        year,
        month,
        len(targets),
        progress,
        updated,
        ranking.month_states,
        {target.indicator.office_id for target in targets},
    )
    return Briefing(
        year,
        month,
        title,
        items,
        closing,
        is_sample=is_sample,
        table=rows,
        ranking=ranking.offices,
        issuer=board.issuer,
        document_number=board.document_number,
        issued_on=today or timezone.localdate(),
        years=years,
    )


def ranking_paragraph(offices) -> str:
    """第1名经济发展局（达序时75%，按期提交100%）；…: the 排名 as a sentence to read out."""
    parts = []
    for office in offices:
        schedule = (
            f"{format_percent(office.on_schedule_share)}%" if office.on_schedule_share is not None else "—"
        )
        on_time = f"{format_percent(office.on_time_share)}%" if office.on_time_share is not None else "—"
        parts.append(
            _("第%(rank)s名%(office)s（目标达序时比例%(schedule)s，按期提交%(on_time)s）")
            % {"rank": office.rank, "office": office.office.name, "schedule": schedule, "on_time": on_time}
        )
    return _("按牵头目标达到或超过序时进度的比例，其次按月度数据按期提交的比例：%(parts)s。") % {
        "parts": "；".join(parts)
    }


def _closing(year, month, total, progress, updated, month_states: dict[int, str], reporting) -> str:
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
    # Every office that reports this year (leads a target), whether or not it opened the month.
    reporting = {office_id for office_id in reporting if office_id is not None}
    if reporting:
        counts = {state: 0 for state, _label in OfficeMonth.State.choices}
        opened = {office_id: state for office_id, state in month_states.items() if office_id in reporting}
        for state in opened.values():
            counts[state] += 1
        parts = [
            _("%(state)s%(count)s个") % {"state": label, "count": counts[state]}
            for state, label in OfficeMonth.State.choices
            if counts[state]
        ]
        not_started = len(reporting) - len(opened)
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
