"""The words of the genre, in one place: firmness, comparison verbs, deadlines, periods, what pads a name.

Each list is what 政府工作报告 in general write (确保/力争, 增长/下降, 一季度/6月底前, 每季度, 一是/（一）/1.), never
the words of one report. ``clean_name`` turns the words around a figure into the name of what it measures.
"""

import calendar
import re
from datetime import date

from targets.reader.numbers import chinese_to_int

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
    r"实施|开展|培育发展|培育|组织|推动|做好|抓好|深入|稳步|不断|年底前|年底|年末|底前|上半年|下半年|[一二三四]季度|每季度|每月|每年|"
    r"每半年|每周|要|将|再|已|为|入选|获评|获得|评为|\d{1,2}月(?:底|末)?(?:前|以前|之前)|年内)+"
)
TRAILING_WORDS = re.compile(
    r"(?:分别|增长|增速|增幅|达到|达|完成|实现|超过|超|为|约|近|突破|稳定在|保持在|控制在|以上|左右|净增|提高|提升|增加|下降|降低|"
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


LATER_GOAL = re.compile(r"“?十[四五六七]五”?(?:末|期间|时期)|(?:19|20)\d\d(?=年)")


def names_a_later_year(text: str, year: int) -> bool:
    for match in LATER_GOAL.finditer(text):
        if not match.group().isdigit() or int(match.group()) > year:
            return True
    return False


def at_end(after: str) -> bool:
    return not after.strip(" 以上左右")


def deadline_in(text: str, year: int) -> date | None:
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


def period_in(text: str) -> str:
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


def split_list(text: str) -> list[str]:
    parts = [part for part in re.split(r"[、和及与]", text) if part]
    if len(parts) < 2:
        return parts
    last = parts[-1]
    # "省、市级文明村": a short head takes the tail of the last item ("省" → "省级文明村").
    return [part + last[len(part) :] if len(part) <= 2 < len(last) else part for part in parts]
