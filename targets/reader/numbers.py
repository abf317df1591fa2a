"""Figures as a work report writes them: Arabic or Chinese numerals, a unit, and the words around the number.

A *quantity* is a number with its unit and qualifiers, found in a piece of text:

- numbers: ``1.46``, ``１２``, ``1,500``, Chinese numerals ``一千五百``, ``两``, ``十五``;
- units, longest first: ``万美元`` ``亿元`` ``万元`` ``元`` ``万平方米`` ``平方米`` ``亩`` ``公里`` ``千米`` ``%``
  ``个百分点`` ``个`` ``家`` ``户`` ``条`` ``人`` ``名`` ``人次`` ``场`` ``次`` ``所`` ``座`` ``项`` ``村`` …;
  ``万`` / ``亿`` before any unit belong to the unit (``1.5万平方米`` is 1.5 in 万平方米, the report's own unit);
- qualifiers before the number (``超`` ``超过`` ``约`` ``近`` ``突破`` ``逾``) and after it (``以上`` ``左右``
  ``多`` ``余``, which may also sit between the number and ``万``: ``4000多万元``);
- ranges ``5%-6%``, ``5-6%``, ``5至6个``: the value is the lower bound, the qualifier ``区间``;
- ``两成`` / ``三成`` (tenths: 20 %, 30 %) and ``翻一番`` / ``翻两番`` (growth of 100 %, 300 %).

Time spans are not quantities: ``四个季度``, ``三个月``, ``2022年``. Numbers inside quotation marks (slogans such as
“最先一公里”, “1+2+N”) and ordinals (``第六期``) are not figures either.
"""

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
CN_NUMERAL = "[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*"


def chinese_to_int(text: str) -> int | None:
    """``一千五百`` → 1500, ``十五`` → 15, ``两`` → 2, ``二〇二四`` → 2024; ``None`` when it is not a numeral."""
    if not text or any(
        ch not in CN_DIGITS and ch not in CN_SMALL_UNITS and ch not in CN_BIG_UNITS for ch in text
    ):
        return None
    if all(ch in CN_DIGITS for ch in text) and len(text) > 1:
        if text[0] in "两" or len(set(text)) == 1 and len(text) < 4:
            return None  # "一一", "两两": words, not numerals
        return int("".join(str(CN_DIGITS[ch]) for ch in text))
    total = section = digit = 0
    seen_digit = False
    for ch in text:
        if ch in CN_DIGITS:
            if seen_digit and CN_DIGITS[ch] != 0 and digit:
                return None  # two digits in a row without a unit between: not a numeral
            digit = CN_DIGITS[ch]
            seen_digit = True
        elif ch in CN_SMALL_UNITS:
            section += (digit or 1) * CN_SMALL_UNITS[ch]
            digit = 0
            seen_digit = False
        else:
            section += digit
            total += (section or 1) * CN_BIG_UNITS[ch]
            section = digit = 0
            seen_digit = False
    return total + section + digit


def to_decimal(text: str) -> Decimal | None:
    """An Arabic (half- or full-width, with thousands commas) or Chinese numeral as a Decimal."""
    text = unicodedata.normalize("NFKC", text).replace(",", "").replace("．", ".")
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        try:
            return Decimal(text)
        except InvalidOperation:
            return None
    value = chinese_to_int(text)
    return Decimal(value) if value is not None else None


def decimal_string(value: Decimal | None) -> str | None:
    """``Decimal('1.460')`` → ``'1.46'``, ``Decimal('4E+3')`` → ``'4000'``."""
    if value is None:
        return None
    text = f"{value.normalize():f}"
    return text


# Units: base units (longest first), to which 万 / 亿 may be prefixed. 千米 and 千瓦 are base units of their own.
BASE_UNITS = [
    "个百分点",
    "百分点",
    "平方公里",
    "平方千米",
    "平方米",
    "立方米",
    "千瓦时",
    "千瓦",
    "兆瓦",
    "美元",
    "欧元",
    "元",
    "公里",
    "千米",
    "公顷",
    "亩",
    "人次",
    "户次",
    "人",
    "名",
    "位",
    "个",
    "家",
    "户",
    "条",
    "场",
    "次",
    "所",
    "座",
    "项",
    "村",
    "件",
    "起",
    "处",
    "台",
    "套",
    "辆",
    "吨",
    "张",
    "批",
    "间",
    "栋",
    "幢",
    "株",
    "棵",
    "头",
    "只",
    "篇",
    "部",
    "支",
    "册",
    "床",
    "米",
    "%",
    "％",
]
MONEY_UNITS = {"元", "美元", "欧元"}
LENGTH_UNITS = {"公里", "千米", "米"}
AREA_UNITS = {"平方公里", "平方千米", "平方米", "公顷", "亩", "立方米"}
AMOUNT_BASES = MONEY_UNITS | LENGTH_UNITS | AREA_UNITS | {"吨", "千瓦时", "千瓦", "兆瓦"}
PERCENT_UNITS = {"%", "％", "个百分点", "百分点"}

# A one-character unit followed by one of these characters is the start of a word, not a unit (项目, 家庭, 人民).
UNIT_WORD_STARTS = {
    "项": "目",
    "家": "庭乡园",
    "人": "民员才口大",
    "村": "民居级庄",
    "所": "有以属在得",
    "场": "所地景馆",
    "次": "数序",
    "条": "件例款",
    "件": "事",
    "台": "账",
    "起": "来步点",
    "处": "理置",
    "名": "单称义额",
    "位": "置于",
    "部": "门署分",
    "支": "持撑出付部",
    "批": "准复次",
    "间": "隙",
    "米": "饭",
    "张": "家",
    "头": "部",
    "个": "人体",
}
# 个 followed by these is a time span (四个季度, 三个月), not a count.
TIME_AFTER_GE = ("季度", "月", "年", "星期", "工作日", "小时", "阶段", "百分点")

_units = "|".join(re.escape(unit) for unit in BASE_UNITS)
_num = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:[.．]\d+)?|\d+(?:[.．]\d+)?|[０-９]+(?:[.．][０-９]+)?|{CN_NUMERAL})"
QUANTITY = re.compile(
    rf"(?<![\d.．０-９A-Za-z第])"
    rf"(?P<pre>超过|超|约|近|突破|逾|破)?"
    rf"(?P<num>{_num})"
    rf"(?:(?P<lowunit>%|％)?\s*(?:-|－|—|~|～|至|到)\s*(?P<hi>{_num}))?"
    rf"(?P<more>多|余)?(?P<mag>万|亿)?(?P<more2>多|余)?"
    rf"(?P<unit>{_units})"
    rf"(?P<post>以上|左右|以内|以下|多|余)?"
)
# 突破百万元, 破千万: a round figure written without digits (百万元 is 100 in 万元).
ROUND = re.compile(r"(?P<pre>突破|破|超过|超)(?P<num>[百千])(?P<mag>万|亿)(?P<unit>元|美元|人次|人|户|吨|亩)")
# 百分之五, 百分之十五: a percentage written in words.
PERCENT_WORDS = re.compile(rf"百分之(?P<num>{CN_NUMERAL}|\d+(?:\.\d+)?)")
# 两成, 三成: tenths of a whole, as a percentage.
TENTHS = re.compile(r"(?P<num>[一二两三四五六七八九])成(?![本立为功员果绩效])")
# 翻一番 / 翻两番: growth of 100 % / 300 %.
DOUBLING = re.compile(r"翻(?P<num>[一二两三]|\d)番")


@dataclass(frozen=True)
class Quantity:
    """A number with its unit found at ``start:end`` of a text (the span includes its qualifiers)."""

    start: int
    end: int
    value: Decimal
    unit: str
    qualifier: str
    upper: Decimal | None
    chinese: bool
    number_text: str

    @property
    def is_money(self) -> bool:
        return any(self.unit.endswith(base) for base in MONEY_UNITS)

    @property
    def is_percent(self) -> bool:
        return self.unit in PERCENT_UNITS

    @property
    def is_amount(self) -> bool:
        base = self.unit.lstrip("万亿")
        return base in AMOUNT_BASES


def find_quantities(text: str, skip=(), start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every quantity in ``text[start:end]``, in order; spans inside ``skip`` (quoted slogans) are left out."""
    end = len(text) if end is None else end
    found = []
    for match in QUANTITY.finditer(text, start, end):
        quantity = _quantity(text, match)
        if quantity is None or _inside(quantity.start, skip):
            continue
        found.append(quantity)
    for match in ROUND.finditer(text, start, end):
        if _inside(match.start(), skip) or any(q.start <= match.start() < q.end for q in found):
            continue
        qualifier = "突破" if match["pre"] == "破" else "超" if match["pre"] == "超过" else match["pre"]
        value = Decimal(100 if match["num"] == "百" else 1000)
        unit = match["mag"] + match["unit"]
        found.append(
            Quantity(match.start(), match.end(), value, unit, qualifier, None, True, match.group("num"))
        )
    for match in PERCENT_WORDS.finditer(text, start, end):
        value = to_decimal(match["num"])
        if value is None or _inside(match.start(), skip):
            continue
        found.append(Quantity(match.start(), match.end(), value, "%", "", None, True, match["num"]))
    for match in TENTHS.finditer(text, start, end):
        if _inside(match.start(), skip) or any(q.start <= match.start() < q.end for q in found):
            continue
        tenths = Decimal(CN_DIGITS[match["num"]] * 10)
        found.append(Quantity(match.start(), match.end(), tenths, "%", "", None, True, match.group()))
    for match in DOUBLING.finditer(text, start, end):
        if _inside(match.start(), skip):
            continue
        times = to_decimal(match["num"])
        growth = (2 ** int(times) - 1) * 100
        found.append(
            Quantity(match.start(), match.end(), Decimal(growth), "%", "", None, True, match.group())
        )
    found.sort(key=lambda q: q.start)
    return found


def _inside(position: int, spans) -> bool:
    return any(start <= position < end for start, end in spans)


def _quantity(text: str, match: re.Match) -> Quantity | None:
    number_text = match["num"]
    value = to_decimal(number_text)
    if value is None:
        return None
    chinese = not re.match(r"[\d０-９]", number_text)
    base = match["unit"]
    after = text[match.end("unit") :]
    if len(base) == 1 and base in UNIT_WORD_STARTS and after[:1] and after[0] in UNIT_WORD_STARTS[base]:
        return None
    if base == "个" and after.startswith(TIME_AFTER_GE):
        return None
    if match["lowunit"] and not match["hi"]:
        return None
    mag = match["mag"] or ""
    unit = mag + base
    if base == "％":
        unit = "%"
    qualifier = match["pre"] or ""
    if qualifier == "破":
        qualifier = "突破"
    if qualifier == "超过":
        qualifier = "超"
    more = match["more"] or match["more2"] or ""
    post = match["post"] or ""
    if match["more"] and match["more2"]:
        return None
    qualifier = qualifier or more or post
    upper = None
    if match["hi"]:
        upper = to_decimal(match["hi"])
        if upper is None or upper <= value:
            return None
        qualifier = "区间"
    return Quantity(match.start(), match.end(), value, unit, qualifier, upper, chinese, number_text)


def unit_dimension(unit: str) -> str:
    """The kind of thing a unit measures, so that 万元 and 亿元 compare but 亿元 and 户 do not."""
    base = unit.lstrip("万亿")
    if base in MONEY_UNITS:
        return "money:" + base
    if base in LENGTH_UNITS:
        return "length"
    if base in AREA_UNITS:
        return "area:" + base if base in {"亩", "公顷", "立方米"} else "area"
    if unit in PERCENT_UNITS:
        return "percent"
    return "count:" + base


_SCALE = {"": Decimal(1), "万": Decimal(10_000), "亿": Decimal(100_000_000)}
_LENGTH = {"米": Decimal(1), "公里": Decimal(1000), "千米": Decimal(1000)}
_AREA = {"平方米": Decimal(1), "平方公里": Decimal(1_000_000), "平方千米": Decimal(1_000_000)}


def convert(value: Decimal, from_unit: str, to_unit: str) -> Decimal | None:
    """``value`` in ``from_unit`` expressed in ``to_unit`` (万元 ↔ 亿元, 千米 ↔ 公里, 平方米 ↔ 万平方米), or ``None``."""
    if from_unit == to_unit:
        return value
    if unit_dimension(from_unit) != unit_dimension(to_unit):
        return None

    def factor(unit):
        mag = unit[0] if unit[:1] in ("万", "亿") and len(unit) > 1 else ""
        base = unit[len(mag) :]
        return _SCALE[mag] * _LENGTH.get(base, _AREA.get(base, Decimal(1)))

    return (value * factor(from_unit) / factor(to_unit)).normalize()
