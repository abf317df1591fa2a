"""The shape of a 政府工作报告: its two halves, their years, their numbered sections, and its sentences.

A work report reviews the past year (“2023年工作回顾”, “过去一年”, “一、2023年工作回顾”) and then sets out the
plan year (“2024年工作安排”, “今年工作的总体要求和主要目标任务”, “2024年主要目标任务”); the paragraph of 主要预期目标
(“今年经济社会发展的主要预期目标是：…”) holds the headline targets, and sections （一）（二）… hold the rest.
Everything here works on offsets into the original text, so that a quote is always an exact substring of it.
"""

import re
from dataclasses import dataclass, field

from targets.reader.numbers import chinese_to_int

YEAR = r"(?:19|20)\d\d"
# A heading that opens the plan half: names the plan year (or 今年/新的一年) and one of the genre's words.
PLAN_HEADING = re.compile(
    rf"(?:(?P<year>{YEAR})年|今年|新的一年|明年)[^。\n]{{0,14}}?"
    r"(?:工作安排|工作任务|主要任务|目标任务|重点工作|工作打算|工作思路|总体要求|主要目标|预期目标|工作部署|重点任务|"
    r"工作目标|发展目标)"
)
REVIEW_HEADING = re.compile(
    rf"(?:(?P<year>{YEAR})年|过去一年|过去的一年|过去五年|五年来|去年|上年)[^。\n]{{0,8}}?"
    r"(?:工作回顾|回顾|工作总结|主要工作|工作成效|工作成绩|的工作)"
)
# The sentence that introduces the headline targets.
HEADLINE = re.compile(r"主要预期目标|主要目标是|主要目标[:：]|预期目标是|主要指标")
REPORT_DATE = re.compile(rf"(?P<year>{YEAR})年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日")
SECTION_HEADING = re.compile(
    r"^[ \t\u3000]*[(（](?P<num>[一二三四五六七八九十]+)[)）][ \t\u3000]*(?P<title>[^\n]*)"
)
# Full stops end a sentence; a semicolon ends one too (the headline list: "…增长5%以上；一般公共预算收入确保…").
SENTENCE_END = re.compile(r"[。！？!?；;]|\n")
SEGMENT_END = re.compile(r"[，,：:]")
QUOTED = re.compile(r"“[^”\n]{0,40}”|‘[^’\n]{0,40}’|\"[^\"\n]{0,40}\"|《[^》\n]{0,60}》|「[^」\n]{0,40}」")


class LayoutError(ValueError):
    """The plan year cannot be found in the text and was not given."""


@dataclass
class Section:
    """A numbered part of one half: 0 is the paragraph of 主要预期目标, 1… are （一）（二）…"""

    part: str  # "review" or "plan"
    number: int
    title: str
    start: int


@dataclass
class Segment:
    """A piece of a sentence between commas or colons, with its offsets in the whole text."""

    start: int
    end: int
    text: str


@dataclass
class Sentence:
    start: int
    end: int
    segments: list[Segment] = field(default_factory=list)
    headline: bool = False


@dataclass
class Layout:
    plan_year: int
    review_year: int
    review: tuple[int, int]
    plan: tuple[int, int]
    sections: list[Section]
    quoted: list[tuple[int, int]]
    headline: tuple[int, int] | None = None

    def in_headline(self, position: int) -> bool:
        return self.headline is not None and self.headline[0] <= position < self.headline[1]

    def section_at(self, position: int) -> Section:
        """The section a position lies in; the headline paragraph, and plan text before （一）, is section 0."""
        part = "plan" if position >= self.plan[0] else "review"
        if self.in_headline(position):
            return Section(part, 0, "主要预期目标", self.headline[0])
        chosen = None
        for section in self.sections:
            if section.part == part and section.start <= position:
                chosen = section
        if chosen is None:
            title = "主要预期目标" if part == "plan" else "工作回顾"
            return Section(part, 0, title, self.plan[0] if part == "plan" else self.review[0])
        return chosen


def _heading_lines(text: str, pattern: re.Pattern):
    """Short lines (a heading, not a paragraph) that match ``pattern``, with their offsets."""
    position = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped and len(stripped) <= 40:
            match = pattern.search(stripped)
            if match:
                yield position, match
        position += len(line)


def lay_out(text: str, year: int | None = None) -> Layout:
    """Find the halves, years and sections of a report; ``year`` (the plan year) wins over what the text says."""
    plan_start = review_start = None
    plan_heading_year = review_heading_year = None
    for offset, match in _heading_lines(text, PLAN_HEADING):
        plan_start, plan_heading_year = offset, match["year"]
        break
    for offset, match in _heading_lines(text, REVIEW_HEADING):
        if plan_start is None or offset < plan_start:
            review_start, review_heading_year = offset, match["year"]
            break
    if plan_start is None:
        # No heading: the plan half starts with the paragraph of the headline targets, or with "今年是…".
        for pattern in (HEADLINE, re.compile(r"(?:今年|" + (str(year) if year else YEAR) + r"年)是")):
            match = pattern.search(text, review_start or 0)
            if match:
                plan_start = text.rfind("\n", 0, match.start()) + 1
                break
    if year is None:
        if plan_heading_year:
            year = int(plan_heading_year)
        elif review_heading_year:
            year = int(review_heading_year) + 1
        else:
            dated = REPORT_DATE.search(text[:600])
            if not dated:
                raise LayoutError("无法从报告中确定计划年度，请指定年度。")
            year = int(dated["year"])
    if plan_start is None:
        plan_start = 0 if review_start is None else len(text)
    review = (review_start if review_start is not None else 0, plan_start)
    if review_start is None and plan_start == 0:
        review = (0, 0)
    plan = (plan_start, len(text))
    sections = []
    position = 0
    for line in text.splitlines(keepends=True):
        match = SECTION_HEADING.match(line)
        if match:
            part = "plan" if position >= plan_start else "review"
            title = re.split(r"[。；;]", match["title"].strip())[0][:60].strip()
            number = chinese_to_int(match["num"]) or 0
            sections.append(Section(part, number, title, position))
        position += len(line)
    quoted = [(m.start(), m.end()) for m in QUOTED.finditer(text)]
    layout = Layout(year, year - 1, review, plan, sections, quoted)
    headline = HEADLINE.search(text, plan_start)
    if headline:
        paragraph_start = text.rfind("\n", 0, headline.start()) + 1
        paragraph_end = text.find("\n", headline.end())
        layout.headline = (paragraph_start, len(text) if paragraph_end == -1 else paragraph_end)
    return layout


def sentences(text: str, start: int, end: int) -> list[Sentence]:
    """The sentences of ``text[start:end]``, each cut into segments at commas and colons."""
    found = []
    position = start
    for match in SENTENCE_END.finditer(text, start, end):
        if match.start() > position:
            found.append(_sentence(text, position, match.start()))
        position = match.end()
    if position < end:
        found.append(_sentence(text, position, end))
    return [sentence for sentence in found if sentence.segments]


def _sentence(text: str, start: int, end: int) -> Sentence:
    sentence = Sentence(start, end)
    position = start
    for match in SEGMENT_END.finditer(text, start, end):
        if _inside_quote(text, start, match.start()):
            continue
        _add_segment(sentence, text, position, match.start())
        position = match.end()
    _add_segment(sentence, text, position, end)
    return sentence


def _inside_quote(text: str, start: int, position: int) -> bool:
    before = text[start:position]
    return before.count("“") > before.count("”")


def _add_segment(sentence: Sentence, text: str, start: int, end: int) -> None:
    while start < end and text[start] in " \t\u3000\r":
        start += 1
    while end > start and text[end - 1] in " \t\u3000\r":
        end -= 1
    if end > start:
        sentence.segments.append(Segment(start, end, text[start:end]))
