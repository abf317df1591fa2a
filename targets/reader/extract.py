"""From the sentences of one half of a report to figures: what is promised or reported, how much, how firmly.

The rules, each from the genre and none from one report:

- A figure is a quantity (see ``numbers``) that is not a slogan in quotation marks, an ordinal, a time span, a
  rank (前三), a policy count (15条措施), or a threshold that only names what is counted: in
  “新签约超5亿元项目3个” the figure is 3个, and 超5亿元 belongs to the name.
- Chinese numerals count only after a verb of the genre (新增/完成/举办…) or at the end of a clause, so that
  “三个主攻方向”, “唯一一家” are read as words.
- A list shares its first words: in “确保A3个、B6个，力争C4家”, B is 确保 too; “A、B各1家” is two figures;
  “A、B分别增长6%、8%” pairs names and figures in order. A clause with no figure of its own that names a time
  (“一季度，计划新开工…”) gives its deadline to the clause after it.
- Firmness: 确保 / 力争 / 争取 / 努力 / 力求 / 计划. Qualifiers: 超 / 约 / 近 / 突破 / 逾 before, 以上 / 左右 / 多 / 余
  after the number.
- Kinds: 每季度/每月/每半年 → recurring (每年 in a one-year plan is the year's count); a percentage after 增长/提高/下降… → growth, other percentages
  (占比, 覆盖率…) → share; a deadline before the year end (一季度, 上半年, 6月底前) → deadline; money, length,
  area → amount; anything counted → count. Without a number: “零的突破”, “破百万”, a firmness word before
  完成/实现/建成…, or named works (…改造、…工程、…馆、…中心) after 推进/实施/建设/建成/开展 → milestone.
- A plan-half clause that speaks of the review year (去年, 上年, 2023年 in a 2024 plan) is not a target, nor
  one that sets a goal for a later year (到2027年…, “十五五”末…). 下降 / 控制在…以内 mark less-is-better.

The words themselves are listed in ``words``.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from targets.reader.layout import Layout, Sentence, sentences
from targets.reader.numbers import Quantity, find_quantities
from targets.reader.words import (
    BREAK_ROUND,
    CONNECTORS,
    DEADLINE,
    DECLINE_WORDS,
    FIRMNESS,
    GROWTH_WORDS,
    MILESTONE_VERBS,
    NOT_A_FIGURE_AFTER,
    NUMERAL_VERBS,
    RANK_BEFORE,
    REVIEW_WORDS,
    SHARE_WORDS,
    WORKS_SUFFIX,
    WORKS_VERB,
    YEAR_WORDS,
    ZERO_BREAKTHROUGH,
    at_end,
    clean_name,
    deadline_in,
    names_a_later_year,
    period_in,
    split_list,
)


# 计划 is firm only where it opens a clause ("计划新开工…", "全年计划实施…"), not in 行动计划.
@dataclass
class Proposal:
    """A figure the reader proposes: a plan-year target, or a review-year result (``kind`` unused)."""

    name: str
    value: Decimal | None
    unit: str
    qualifier: str
    quote: str
    start: int
    end: int
    section_part: str
    section_number: int
    section_title: str
    kind: str = ""
    firmness: str = ""
    deadline: date | None = None
    period: str = ""
    headline: bool = False
    upper: Decimal | None = None
    value_text: str = ""
    indicator: object = None
    baseline: "Proposal | None" = None
    notes: list[str] = field(default_factory=list)
    direction: str = "higher"  # "lower" for 下降3%, 控制在5%以内: less is better


@dataclass
class _Item:
    quantity: Quantity
    prefix: str
    trailing: str
    start: int
    end: int
    firmness: str = ""
    verb: str = ""
    deadline: date | None = None
    period: str = ""
    quote_start: int = 0


def read_half(text: str, layout: Layout, part: str) -> list[Proposal]:
    """Every figure of one half of the report, in order: ``part`` is ``"plan"`` (targets) or ``"review"``."""
    start, end = layout.plan if part == "plan" else layout.review
    proposals = []
    for sentence in sentences(text, start, end):
        proposals.extend(_read_sentence(text, layout, sentence, part))
    return proposals


def _accepted(text: str, segment, quantities: list[Quantity]) -> list[Quantity]:
    kept = []
    for index, quantity in enumerate(quantities):
        before = text[segment.start : quantity.start]
        after = text[quantity.end : segment.end]
        if before.endswith(RANK_BEFORE) or NOT_A_FIGURE_AFTER.match(after):
            continue
        if quantity.chinese and quantity.value == 1 and quantity.unit in ("批", "些"):
            continue  # 一批优质项目: "a number of", not one
        chinese_word = quantity.chinese and not re.search("[成番]", quantity.number_text)
        if chinese_word and not NUMERAL_VERBS.search(before) and not at_end(after):
            continue
        later = quantities[index + 1 :]
        names_follow = after[:1] and not re.match(r"[、，,；;。和及与]", after[:1])
        if quantity.is_money and names_follow and (later or ZERO_BREAKTHROUGH.search(after)):
            continue  # a threshold naming what is counted: 超5亿元项目3个, 10亿元企业零的突破
        if ZERO_BREAKTHROUGH.search(after) and not later:
            continue
        kept.append(quantity)
    return kept


def _read_sentence(text: str, layout: Layout, sentence: Sentence, part: str) -> list[Proposal]:
    year = layout.plan_year if part == "plan" else layout.review_year
    proposals: list[Proposal] = []
    carried_deadline: date | None = None
    carried_firmness = ""
    carried_start: int | None = None
    previous_verb = ""
    previous_had_figures = False
    # The first sentence of a paragraph that goes on is its topic ("推进更高标准的民生实事项目。"), not a promise.
    paragraph_start = text.rfind("\n", 0, sentence.start) + 1
    paragraph_end = text.find("\n", sentence.end)
    topic = not text[paragraph_start : sentence.start].strip() and bool(
        text[sentence.end + 1 : len(text) if paragraph_end == -1 else paragraph_end].strip()
    )
    future = False
    for segment in sentence.segments:
        quantities = _accepted(
            text, segment, find_quantities(text, layout.quoted, segment.start, segment.end)
        )
        section = layout.section_at(segment.start)
        headline = part == "plan" and layout.in_headline(segment.start)
        common = {
            "section_part": part,
            "section_number": section.number,
            "section_title": section.title,
            "headline": headline,
        }
        if part == "plan" and (
            REVIEW_WORDS.search(segment.text)
            or re.search(rf"(?<![比较同]){layout.review_year}年", segment.text)
        ):
            carried_deadline, carried_firmness, carried_start = None, "", None
            continue
        if part == "plan" and (future or names_a_later_year(segment.text, year)):
            # "到2027年，地区生产总值突破500亿元": a goal of later years, not of the plan year; it holds for
            # the rest of the sentence.
            future = True
            continue
        if not quantities:
            if part == "plan":
                milestones = _milestones(
                    text, segment, year, carried_firmness, carried_deadline, common, topic
                )
                if milestones:
                    proposals.extend(milestones)
                    continue
            # A clause without a figure may give its time, firmness or verb to the next one.
            deadline = deadline_in(segment.text, year) if part == "plan" else None
            firmness = FIRMNESS.search(segment.text)
            if deadline or firmness:
                carried_deadline = deadline or carried_deadline
                carried_firmness = firmness.group() if firmness else carried_firmness
                carried_start = segment.start if carried_start is None else carried_start
            previous_had_figures = False
            continue
        items = _items(text, segment, quantities)
        # 零的突破 in a clause that also has figures: the milestone is read too.
        if part == "plan" and ZERO_BREAKTHROUGH.search(segment.text):
            proposals.extend(_milestones(text, segment, year, carried_firmness, carried_deadline, common))
        for index, item in enumerate(items):
            firmness = FIRMNESS.search(item.prefix)
            if firmness:
                item.firmness = firmness.group()
            elif index:
                item.firmness = items[index - 1].firmness
            else:
                item.firmness = carried_firmness
            verb = (
                GROWTH_WORDS.search(item.prefix)
                or DECLINE_WORDS.search(item.prefix)
                or re.search(r"新增|新建|新开工|净增|招引|引进|完成|建成|培育|举办", item.prefix)
            )
            if verb:
                item.verb = verb.group()
            elif index:
                item.verb = items[index - 1].verb
            elif previous_had_figures and not re.match(
                r"[\u4e00-\u9fff]{0,2}(?:新|完成|实现|建|举|开)", item.prefix
            ):
                item.verb = previous_verb
            item.deadline = deadline_in(item.prefix, year) if part == "plan" else None
            if item.deadline is None and part == "plan":
                item.deadline = items[index - 1].deadline if index else carried_deadline
            item.period = period_in(item.prefix) or (items[index - 1].period if index else "")
            item.quote_start = carried_start if (carried_start is not None and index == 0) else segment.start
            if index and item.quote_start == segment.start and items[0].quote_start < segment.start:
                item.quote_start = items[0].quote_start
        inherited = previous_verb if previous_had_figures else ""
        previous_name = proposals[-1].name if proposals else ""
        proposals.extend(_proposals(text, items, part, year, common, inherited, previous_name))
        previous_verb = items[-1].verb
        previous_had_figures = True
        carried_deadline, carried_firmness, carried_start = None, "", None
    return proposals


def _items(text: str, segment, quantities: list[Quantity]) -> list[_Item]:
    items = []
    cursor = segment.start
    for index, quantity in enumerate(quantities):
        next_start = quantities[index + 1].start if index + 1 < len(quantities) else segment.end
        prefix = text[cursor : quantity.start]
        trailing = text[quantity.end : next_start]
        end = quantity.end
        if trailing and trailing[0] not in CONNECTORS + "，,；;":
            # "举办6场专题性、主题性招商活动": the name follows the figure.
            cut = len(trailing)
            if index + 1 < len(quantities):
                connector = max(trailing.rfind(c) for c in CONNECTORS)
                cut = connector if connector > 0 else len(trailing)
            trailing = trailing[:cut].rstrip(CONNECTORS)
            end = quantity.end + len(trailing)
        else:
            trailing = ""
        items.append(_Item(quantity, prefix, trailing, cursor, end))
        cursor = end
        while cursor < next_start and text[cursor] in CONNECTORS + " ":
            cursor += 1
    return items


def _kind(item: _Item, year: int) -> str:
    quantity = item.quantity
    if item.period:
        return "recurring"
    if quantity.number_text.startswith("翻") or quantity.number_text.endswith("番"):
        return "growth"
    if quantity.is_percent:
        named = item.prefix + item.trailing
        if GROWTH_WORDS.search(item.verb or named) and not SHARE_WORDS.search(clean_name(named)):
            return "growth"
        return "share"
    if item.deadline and item.deadline < date(year, 12, 31):
        return "deadline"
    if quantity.is_amount:
        return "amount"
    return "count"


def _proposals(
    text, items: list[_Item], part, year, common, inherited_verb, previous_name=""
) -> list[Proposal]:
    proposals = []
    # "A、B分别增长6%、8%": names before 分别 pair with the figures in order.
    paired_names = None
    if items and "分别" in items[0].prefix:
        names = split_list(items[0].prefix.split("分别")[0])
        names = [clean_name(name) for name in names]
        if len(names) == len(items):
            paired_names = names
    for index, item in enumerate(items):
        quantity = item.quantity
        raw = item.prefix + item.trailing
        names = [clean_name(raw)]
        head = item.prefix.rstrip()
        if head.endswith("各") or (head.endswith(("均", "都")) and len(split_list(clean_name(head))) > 1):
            names = [clean_name(name) for name in split_list(clean_name(head[:-1]))]
        if paired_names:
            names = [paired_names[index]]
        verb = item.verb or inherited_verb
        # "实现地区生产总值86.5亿元，增长6.2%": a figure without words of its own is about the one before.
        suffix = ""
        if quantity.is_percent and GROWTH_WORDS.search(verb):
            suffix = "降幅" if DECLINE_WORDS.search(verb) else "增速"
        fallback = previous_name + suffix
        names = [name if name and not re.fullmatch(r"[\W\d]*", name) else fallback for name in names]
        if (
            index
            and len(names) == 1
            and len(names[0]) <= 3 < len(previous_name)
            and previous_name[-1] == names[0][-1]
        ):
            # "市级乡村振兴示范村1个、先进村2个": the short item shares the first one's qualifiers.
            names = [previous_name[: -len(names[0])] + names[0]]
        for name in names:
            if (
                verb in ("新增", "新建", "净增", "引进", "招引")
                and verb not in name
                and not index
                and not item.prefix
            ):
                name = verb + name
            proposal = Proposal(
                name=name or quantity.unit,
                value=quantity.value,
                unit=quantity.unit,
                qualifier=quantity.qualifier,
                quote=text[item.quote_start : item.end],
                start=item.quote_start,
                end=item.end,
                upper=quantity.upper,
                value_text=quantity.number_text,
                **common,
            )
            if part == "plan":
                proposal.kind = _kind(item, year)
                proposal.firmness = item.firmness
                proposal.deadline = item.deadline
                proposal.period = item.period
                if DECLINE_WORDS.search(verb or item.prefix) or quantity.qualifier in ("以内", "以下"):
                    proposal.direction = "lower"
            proposals.append(proposal)
        previous_name = names[-1] if names else previous_name
    return proposals


EVERY_ONE = re.compile(r"村村|户户|镇镇|家家|人人|各村均|村均")


def _milestones(
    text, segment, year, carried_firmness, carried_deadline, common, topic=False
) -> list[Proposal]:
    """Promises without a number: 零的突破, 破百万, 力争完成…, named works after 推进/建设/建成…"""
    body = segment.text
    firmness = FIRMNESS.search(body)
    firm = firmness.group() if firmness else carried_firmness
    deadline = deadline_in(body, year) or carried_deadline

    def proposal(name, start=segment.start, end=segment.end):
        return Proposal(
            name=name,
            value=None,
            unit="",
            qualifier="",
            quote=text[start:end],
            start=start,
            end=end,
            kind="milestone",
            firmness=firm,
            deadline=deadline,
            **common,
        )

    zero = ZERO_BREAKTHROUGH.search(body)
    if zero:
        head = body[: zero.start()]
        head = re.sub(r"^.*(?:实现|取得|完成)", "", head) or head
        return [proposal(clean_name(head) + "零的突破")]
    if BREAK_ROUND.search(body) and not re.search(r"\d", body):
        every = EVERY_ONE.search(body)
        if every:
            # "保持村村破百万": every village over the line, a share of 100%.
            share = proposal(clean_name(body))
            share.kind, share.value, share.unit, share.value_text = "share", Decimal(100), "%", every.group()
            return [share]
        return [proposal(clean_name(body))]
    if re.search(r"\d", YEAR_WORDS.sub("", DEADLINE.sub("", body))):
        return []
    completion = MILESTONE_VERBS.search(body)
    if completion and deadline_in(body, year) and not firmness:
        # "年底前建成县妇幼保健院新院区", "6月底前完成…工程": a task with its own deadline.
        name = clean_name(body[completion.end() :])
        if len(name) >= 4:
            return [proposal(name)]
    if firmness:
        verb = MILESTONE_VERBS.search(body, firmness.end())
        if verb:
            rest = body[firmness.end() : verb.start()] + body[verb.end() :]
            name = clean_name(rest)
            if len(name) >= 4 and not re.fullmatch(r".*(?:工作|任务|目标|要求|稳定|安全)", name):
                return [proposal(name)]
    works = None if topic else WORKS_VERB.match(body)
    if works:
        rest = body[works.end() :]
        parts = [part for part in re.split(r"[、和及与]", rest) if part]
        if len(parts) >= 2 and parts[-1].endswith("建设") and len(parts[-1]) > 4:
            # "推进滨江大道、城北污水处理厂和县体育中心建设": a list of named works sharing 建设.
            parts[-1] = parts[-1][: -len("建设")]
            if all(3 <= len(part) <= 20 and not re.search(r"[的等]", part) for part in parts):
                return [proposal(clean_name(part)) for part in parts]
        if parts and all(WORKS_SUFFIX.search(part) and 3 <= len(part) <= 30 for part in parts):
            return [proposal(clean_name(part)) for part in parts]
    return []
