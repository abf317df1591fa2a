"""The figure parser reads what people type, in the indicator's unit, and refuses everything else in Chinese."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from targets.parsing import FigureError, parse_figure

ACCEPTED = [
    ("123.45", "亿元", "123.45"),
    ("１２３．４５", "亿元", "123.45"),
    ("  12  ", "户", "12"),
    ("4,000", "万元", "4000"),
    ("１，２３４，５６７.８", "万元", "1234567.8"),
    ("0.8亿", "万元", "8000"),
    ("0.8亿元", "万元", "8000"),
    ("0.8亿", "亿元", "0.8"),
    ("4000万", "亿元", "0.4"),
    ("4000万元", "亿元", "0.4"),
    ("1.2万", "户", "12000"),
    ("1.2万户", "户", "12000"),
    ("3户", "户", "3"),
    ("55%", "%", "55"),
    ("55％", "%", "55"),
    ("55", "%", "55"),
    ("3000万美元", "万美元", "3000"),
    ("0.3亿美元", "万美元", "3000"),
    ("5000元", "万元", "0.5"),
    ("1.5千万", "亿元", "0.15"),
    ("-0", "户", "0"),
    ("-0.00", "亿元", "0"),
    ("－３", "户", "-3"),
    ("+5", "户", "5"),
    (".5", "亿元", "0.5"),
    ("5.", "亿元", "5"),
    ("99999999999999.9999", "元", "99999999999999.9999"),
]

REJECTED = [
    ("", "亿元", "请填写数值"),
    ("   ", "亿元", "请填写数值"),
    ("abc", "亿元", "不是数字"),
    ("NaN", "亿元", "不是数字"),
    ("nan", "亿元", "不是数字"),
    ("inf", "亿元", "不是数字"),
    ("-Infinity", "亿元", "不是数字"),
    ("1e309", "亿元", "不是数字"),
    ("1E3", "亿元", "不是数字"),
    ("4,0", "万元", "不是数字"),
    ("1.2.3", "亿元", "不是数字"),
    ("5-6", "亿元", "不是数字"),
    ("约5", "亿元", "不是数字"),
    (".", "亿元", "不是数字"),
    ("<script>alert(1)</script>", "亿元", "不是数字"),
    ("3个", "户", "不符"),
    ("55%", "亿元", "不符"),
    ("0.8亿", "%", "不符"),
    ("100000000000000", "元", "过大"),
    ("1" + "0" * 400, "元", "过大"),
    ("4321.5万", "亿元", "4 位小数"),
    ("0.00001", "亿元", "4 位小数"),
]


@pytest.mark.parametrize(("text", "unit", "expected"), ACCEPTED)
def test_the_parser_reads_what_people_type(text, unit, expected):
    value = parse_figure(text, unit)
    assert value == Decimal(expected)
    assert isinstance(value, Decimal)


@pytest.mark.parametrize(("text", "unit", "message"), REJECTED)
def test_the_parser_refuses_what_is_not_a_figure_with_a_chinese_message(text, unit, message):
    with pytest.raises(FigureError) as caught:
        parse_figure(text, unit)
    assert message in caught.value.messages[0]


def test_negative_zero_is_read_as_plain_zero():
    assert str(parse_figure("-0", "户")) == "0.0000"


@given(
    st.decimals(
        min_value=Decimal("-99999999999999.9999"),
        max_value=Decimal("99999999999999.9999"),
        places=4,
        allow_nan=False,
        allow_infinity=False,
    )
)
def test_any_decimal_written_out_reads_back_exactly(value):
    assert parse_figure(f"{value:f}", "亿元") == value


@given(st.decimals(min_value=Decimal(0), max_value=Decimal("999999999"), places=4))
def test_an_amount_typed_in_wan_reads_the_same_in_yi_and_wan(value):
    in_wan = parse_figure(f"{value:f}万", "万元")
    assert in_wan == value
    try:
        in_yi = parse_figure(f"{value:f}万", "亿元")
    except FigureError as error:
        assert "4 位小数" in error.messages[0]  # too precise for 亿元: refused, never rounded
    else:
        assert in_yi * 10000 == value


@given(st.text(max_size=30))
def test_any_text_either_parses_to_a_finite_decimal_or_raises_a_figure_error(text):
    try:
        value = parse_figure(text, "万元")
    except FigureError as error:
        assert error.messages[0]
    else:
        assert value.is_finite() and abs(value) < Decimal(10) ** 14
        assert value == value.quantize(Decimal("0.0001"))
