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
- Kinds: 每季度/每月/每半年/每年 → recurring; a percentage after 增长/提高/下降… → growth, other percentages
  (占比, 覆盖率…) → share; a deadline before the year end (一季度, 上半年, 6月底前) → deadline; money, length,
  area → amount; anything counted → count. Without a number: “零的突破”, “破百万”, a firmness word before
  完成/实现/建成…, or named works (…改造、…工程、…馆、…中心) after 推进/实施/建设/建成/开展 → milestone.
- A plan-half clause that speaks of the review year (去年, 上年, 2023年 in a 2024 plan) is not a target.
"""

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from targets.reader.layout import Layout, Sentence, sentences
from targets.reader.numbers import Quantity, chinese_to_int, find_quantities

# 计划 is firm only where it opens a clause ("计划新开工…", "全年计划实施…"), not in 行动计划.
FIRMNESS = re.compile(r"确保|力争|争取|努力|力求|(?:^|(?<=全年|今年|年内))计划")
GROWTH_WORDS = re.compile(r"增长|增速|增幅|提高|提升|增加|下降|降低|减少|压减|压降|翻")
DECLINE_WORDS = re.compile(r"下降|降低|减少|压减|压降|控制在")
SHARE_WORDS = re.compile(r"率|占比|比重|比例|覆盖|达标|满意度|占")
# 每年 in a one-year plan is the year's own count, and the model has no weekly period: both stay counts.
PERIODS = {"季度": "quarter", "月": "month", "半年": "half"}
PERIOD = re.compile(r"每(?:个)?(季度|半年|月)(?!度?底)")
# Verbs after which a Chinese numeral is a figure ("新建两所", "举办一次").
NUMERAL_VERBS = re.compile(
    r"(?:新增|新建|建成|完成|达到|达|实现|改造|培育|创建|引进|招引|举办|开展|增加|净增|增长|提高|建设|打造|实施|"
    r"组织|召开|疏浚|招聘|开工|竣工|获评|入选|办理|累计|共|超|约|近|突破|提升|创成|新开工|新改建|改建|扩建|安置|帮扶)$"
)
# A count followed by these is a policy or an aspect ("15条硬措施", "六个方面"), not a figure.
NOT_A_FIGURE_AFTER = re.compile(
    r"^.{0,2}(?:措施|意见|政策|制度|规定|条例|机制|方针|要求|原则|理念|精神|举措|文件|办法|方面|行动计划|清单|工作法)"
)
RANK_BEFORE = ("前", "排名", "位居", "位列", "列第", "唯一", "这", "那")
REVIEW_WORDS = re.compile(r"(?<![比较同])(?:去年|上年|上一年|过去一年|过去的一年)")
ENUMERATOR = re.compile(
    r"^(?:[一二三四五六七八九十]+是|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．]|首先|其次|再次|最后|同时|此外|另外)"
)
LEADING_WORDS = re.compile(
    r"^(?:全年|今年|年内|当年|其中|同时|并且|并|且|适时|持续|全力|积极|加快|加大|大力|重点推进|全面|着力|进一步|扎实|累计|"
    r"全镇|全县|全区|全市|全乡|全街道|共|总计|合计|力争|确保|争取|努力|力求|计划|预计|实现|完成|达到|打造|推进|"
    r"实施|开展|培育发展|培育|组织|推动|做好|抓好|深入|稳步|不断|年底前|年底|年末|上半年|下半年|[一二三四]季度|每季度|每月|每年|"
    r"每半年|每周|要|将|再|已|为|入选|获评|获得|评为|\d{1,2}月(?:底|末)?(?:前|以前|之前)|年内)+"
)
TRAILING_WORDS = re.compile(
    r"(?:分别|增长|增速|增幅|达到|达|完成|实现|超过|超|为|约|近|突破|保持在|控制在|以上|左右|净增|提高|提升|增加|下降|降低|"
    r"减少|各|均|比上年|同比|较上年|的|与|和|及|、|：|:)+$"
)
MILESTONE_VERBS = re.compile(r"完成|实现|建成|创成|通过|获评|竣工|投产|完工|通车|交付|创建|启动")
ZERO_BREAKTHROUGH = re.compile(r"零的突破|零突破")
BREAK_ROUND = re.compile(r"破(?:百万|千万|亿|万|千亿|百亿)(?![元美])")
WORKS_VERB = re.compile(
    r"^(?:(?:年底前|年内|年底|上半年|下半年|[一二三四]季度|\d{1,2}月底?前)[，,]?)?(?:扎实|全面|加快|积极|重点|持续|大力|稳步|有序|着力|深入|启动|加快推进|全力)*"
    r"(?:推进|实施|建设|建成|新建|改建|扩建|启动|开展|完成|开工|续建)"
)
WORKS_SUFFIX = re.compile(r"(?:改造|工程|白改黑|馆|中心|大桥|公路|项目|改扩建|扩建|新建|修缮)$")
CONNECTORS = "、和及与并"
QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}
DEADLINE = re.compile(
    r"(?<!每)(?:第?(?P<quarter>[一二三四1-4])季度|前(?P<through>[一二三])季度|(?P<half>上半年)|"
    r"(?P<yearend>年底|年末|年内|今年底|四季度末)|"
    r"(?P<month>\d{1,2}|[一二三四五六七八九十]{1,3})月(?:(?P<day>\d{1,2})日|底|末|份)?(?:前|以前|之前|底前|内))"
)


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


def at_end(after: str) -> bool:
    return not after.strip(" 以上左右")


def _deadline(text: str, year: int) -> date | None:
    match = DEADLINE.search(text)
    if not match:
        return None
    if match["quarter"]:
        month, day = QUARTER_END[int(chinese_to_int(match["quarter"]) or match["quarter"])]
    elif match["through"]:
        month, day = QUARTER_END[chinese_to_int(match["through"])]
    elif match["half"]:
        month, day = 6, 30
    elif match["yearend"]:
        month, day = 12, 31
    else:
        month = int(match["month"]) if match["month"].isdigit() else chinese_to_int(match["month"])
        if not month or not 1 <= month <= 12:
            return None
        day = int(match["day"]) if match["day"] else calendar.monthrange(year, month)[1]
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            return None
    return date(year, month, day)


def _period(text: str) -> str:
    match = PERIOD.search(text)
    return PERIODS[match.group(1)] if match else ""


YEAR_WORDS = re.compile(r"(?:19|20)\d\d(?:\s*[-—–~～至]\s*(?:19|20)?\d\d)?年度?")


def clean_name(text: str) -> str:
    """The name of what a figure measures, from the words around it: no enumerator, firmness, year or padding."""
    name = YEAR_WORDS.sub("", text).strip(" ，,、；;：:。\u3000")
    for _ in range(3):
        before = name
        name = ENUMERATOR.sub("", name)
        name = LEADING_WORDS.sub("", name)
        name = TRAILING_WORDS.sub("", name)
        name = name.strip(" ，,、；;：:。\u3000")
    name = FIRMNESS.sub("", name) if len(FIRMNESS.sub("", name)) >= 2 else name
    return name[:120] or before[:120]


def _split_list(text: str) -> list[str]:
    parts = [part for part in re.split(r"[、和及与]", text) if part]
    if len(parts) < 2:
        return parts
    last = parts[-1]
    # "省、市级文明村": a short head takes the tail of the last item ("省" → "省级文明村").
    return [part + last[len(part) :] if len(part) <= 2 < len(last) else part for part in parts]


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
        if (
            part == "plan"
            and REVIEW_WORDS.search(segment.text)
            or (part == "plan" and re.search(rf"(?<![比较同]){layout.review_year}年", segment.text))
        ):
            carried_deadline, carried_firmness, carried_start = None, "", None
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
            deadline = _deadline(segment.text, year) if part == "plan" else None
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
            item.deadline = _deadline(item.prefix, year) if part == "plan" else None
            if item.deadline is None and part == "plan":
                item.deadline = items[index - 1].deadline if index else carried_deadline
            item.period = _period(item.prefix) or (items[index - 1].period if index else "")
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
        names = _split_list(items[0].prefix.split("分别")[0])
        names = [clean_name(name) for name in names]
        if len(names) == len(items):
            paired_names = names
    for index, item in enumerate(items):
        quantity = item.quantity
        raw = item.prefix + item.trailing
        names = [clean_name(raw)]
        head = item.prefix.rstrip()
        if head.endswith("各") or (head.endswith(("均", "都")) and len(_split_list(clean_name(head))) > 1):
            names = [clean_name(name) for name in _split_list(clean_name(head[:-1]))]
        if paired_names:
            names = [paired_names[index]]
        verb = item.verb or inherited_verb
        # "实现地区生产总值86.5亿元，增长6.2%": a figure without words of its own is about the one before.
        suffix = ""
        if quantity.is_percent and GROWTH_WORDS.search(verb):
            suffix = "降幅" if DECLINE_WORDS.search(verb) else "增速"
        fallback = previous_name + suffix
        names = [name if name and not re.fullmatch(r"[\W\d]*", name) else fallback for name in names]
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


def _milestones(
    text, segment, year, carried_firmness, carried_deadline, common, topic=False
) -> list[Proposal]:
    """Promises without a number: 零的突破, 破百万, 力争完成…, named works after 推进/建设/建成…"""
    body = segment.text
    firmness = FIRMNESS.search(body)
    firm = firmness.group() if firmness else carried_firmness
    deadline = _deadline(body, year) or carried_deadline

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
        return [proposal(clean_name(body))]
    if re.search(r"\d", YEAR_WORDS.sub("", DEADLINE.sub("", body))):
        return []
    completion = MILESTONE_VERBS.search(body)
    if completion and _deadline(body, year) and not firmness:
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
