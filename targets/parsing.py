"""The figure parser: turns what a person types into an exact ``Decimal`` in the indicator's unit.

``parse_figure(text, unit)`` is the one parser the monthly form, the Excel import and the write API all use.

Accepted forms:

- half- or full-width digits and punctuation: ``123.45``, ``１２３．４５``, ``－３``, a leading ``+`` or ``-``;
- thousands separators in groups of three: ``4,000``, ``1,234,567.8`` (``，`` counts as ``,``);
- a unit suffix that converts to the indicator's unit. A unit is an optional scale (``亿``, ``千万``,
  ``百万``, ``万``) followed by a base (``元``, ``美元``, ``户``, ``平方米``, ``%``…). A typed suffix may give a
  scale, a base or both; its base, when given, must be the indicator's base. So into 万元, ``0.8亿`` is 8000;
  into 亿元, ``0.8亿`` is 0.8 and ``4000万`` is 0.4; into 户, ``1.2万`` is 12000; into %, ``55%`` is 55;
- spaces around the number and the suffix (``" 12 "``, ``"0.8 亿"``).

Rejected, with a message in Chinese: empty text, a space inside the number (``1 2 3``, ``12 3``: refused, never
joined), a fraction in a count unit (``2.5`` 个, 家, 户, 条, 次…: ``COUNT_UNITS``, when the unit has no scale), anything that is not a plain decimal number (letters, ``NaN``,
``inf``, scientific notation such as ``1e309``, ``约5``, ``5-6``), a suffix of another unit (``3个`` into 户),
a value of 10^14 or more (the database keeps 18 digits, 4 of them decimals) and a value that needs more than 4
decimals once converted (``4321.5万`` into 亿元 would be 0.43215: typed values are never rounded silently).

Negative zero (``-0``, ``-0.00``) is read as 0: it is a typing habit, not a different value. Whether a negative
number is allowed at all is not the parser's business; the entry checks refuse it (``targets.entry.checks``).
"""

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Longest first, so 千万 is not read as 千 + 万.
SCALES = [
    ("千万", Decimal(10) ** 7),
    ("百万", Decimal(10) ** 6),
    ("亿", Decimal(10) ** 8),
    ("万", Decimal(10) ** 4),
]
DECIMAL_PLACES = 4
LIMIT = Decimal(10) ** 14
QUANTUM = Decimal(1).scaleb(-DECIMAL_PLACES)

# A space between two digits (or a digit and its separator): "1 2 3", "12 3", "4 000", "1, 234".
_SPACED_DIGITS = re.compile(r"[\d.,]\s+[\d.,]")
# Things counted one by one: a figure in one of these units (without a scale such as 万) is a whole number.
COUNT_UNITS = frozenset("个家户条次场名人所座项件辆台套间栋处批位例宗期届")
_NUMBER = re.compile(r"^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?$")
_SPLIT = re.compile(r"^([+-]?[\d,.]*)(.*)$")
# A suffix with Latin letters, digits or signs is not a unit: 1e309, 5-6, 3.2.1, 12abc.
_NOT_A_UNIT = re.compile(r"[A-Za-z0-9.,+\-]")
# Dashes people type for a minus sign, which NFKC leaves alone.
_MINUS = str.maketrans({"−": "-", "–": "-", "—": "-", "﹣": "-"})


class FigureError(ValidationError):
    """A typed figure that cannot be read; ``messages[0]`` says why, in Chinese."""


def split_unit(unit: str) -> tuple[Decimal, str]:
    """``'万元'`` → ``(10000, '元')``; ``'户'`` → ``(1, '户')``; ``'%'`` → ``(1, '%')``."""
    unit = unicodedata.normalize("NFKC", unit or "").strip()
    for scale, factor in SCALES:
        if unit.startswith(scale):
            return factor, unit[len(scale) :]
    return Decimal(1), unit


def parse_figure(text, unit: str) -> Decimal:
    """The exact value of ``text`` in ``unit``, or ``FigureError`` saying in Chinese what is wrong."""
    if text is None:
        raise FigureError(_("请填写数值。"))
    cleaned = unicodedata.normalize("NFKC", str(text)).translate(_MINUS)
    if not cleaned.strip():
        raise FigureError(_("请填写数值。"))
    if _SPACED_DIGITS.search(cleaned):
        # "1 2 3" or "12 3" is more likely two figures or a slip than 123: refused, never joined.
        raise FigureError(
            _("“%(text)s”的数字中间有空格，请删去空格或核对是否多填了数字。") % {"text": str(text)[:40]}
        )
    cleaned = "".join(cleaned.split())  # NFKC made full-width spaces plain; drop those around the number
    number_part, suffix = _SPLIT.match(cleaned).groups()
    match = _NUMBER.match(number_part)
    if not match or (match.group(2) is None and not match.group(3)) or _NOT_A_UNIT.search(suffix):
        raise FigureError(
            _("“%(text)s”不是数字。请只填写数字，可带千分位逗号和单位，如 4,000 或 0.8亿。")
            % {"text": str(text)[:40]}
        )
    sign, whole, decimals = match.groups()
    digits = (whole or "0").replace(",", "") + ("." + decimals if decimals else "")
    try:
        value = Decimal(sign + digits)
    except InvalidOperation as error:  # the pattern admits only digits; kept for safety
        raise FigureError(_("“%(text)s”不是数字。") % {"text": str(text)[:40]}) from error
    value = value * _conversion(suffix, unit)
    if abs(value) >= LIMIT:
        raise FigureError(_("数值过大：不能达到或超过 10 的 14 次方（%(unit)s）。") % {"unit": unit})
    if value != value.quantize(QUANTUM):
        raise FigureError(
            _("换算为%(unit)s后是 %(value)s，超过 4 位小数；请按%(unit)s填写四舍五入后的数值。")
            % {"unit": unit, "value": f"{value.normalize():f}"}
        )
    value = value.quantize(QUANTUM)
    if value == 0:
        value = abs(value)  # -0 is 0
    if is_count_unit(unit) and value != value.to_integral_value():
        raise FigureError(
            _("“%(unit)s”是计数单位，只能填整数（如 3），不能填 %(value)s。")
            % {"unit": unit, "value": f"{value.normalize():f}"}
        )
    return value


def is_count_unit(unit: str) -> bool:
    """Whether figures in ``unit`` count things one by one (个, 家, 户…), so only whole numbers make sense."""
    scale, base = split_unit(unit)
    return scale == 1 and base in COUNT_UNITS


def _conversion(suffix: str, unit: str) -> Decimal:
    """The factor from the typed suffix's unit to the indicator's unit."""
    if not suffix:
        return Decimal(1)
    unit_scale, unit_base = split_unit(unit)
    typed_scale, typed_base = split_unit(suffix)
    if (typed_base and typed_base != unit_base) or (unit_base == "%" and typed_scale != 1):
        raise FigureError(
            _("单位“%(typed)s”与指标单位“%(unit)s”不符。请按%(unit)s填写，或写成 0.8亿、4000万 这样的形式。")
            % {"typed": suffix[:20], "unit": unit}
        )
    return typed_scale / unit_scale
