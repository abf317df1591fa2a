"""The report reader on short passages written for these tests (invented towns), one construction each.

Each passage is in the genre of a 政府工作报告 but names no place, project or figure of the town's own report;
how the reader does on that report is measured in ``test_reader_on_report.py``.
"""

import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from targets.reader import IndicatorRef, ReaderError, read
from targets.reader.numbers import chinese_to_int, convert, to_decimal

REPORT = """青石镇人民政府工作报告
——2025年1月8日在青石镇第十九届人民代表大会第五次会议上

一、2024年工作回顾
过去一年，全镇实现地区生产总值86.5亿元，增长6.2%。新建农村公路12公里，完成一般公共预算收入2.1亿元。
（一）产业发展。新增规上工业企业7家，招引超亿元项目4个。接待游客超30万人次，培训农民1000余名。

二、2025年工作安排
2025年经济社会发展的主要预期目标是：地区生产总值增长6%左右；一般公共预算收入力争突破2.5亿元；城镇居民人均可支配收入增长5%-6%。
（一）壮大产业。确保新增规上工业企业8家、高新技术企业3家，力争新增专精特新企业2家。一季度，新开工亿元以上项目3个。
（二）建设乡村。新建农村公路15千米，每季度开展人居环境考评1次，年底前建成便民服务中心。
"""


def targets_of(text, year=None, **kwargs):
    return read(text, year, **kwargs).targets


def one(text, year=2025):
    """The single target a one-sentence plan passage yields."""
    found = targets_of(f"{year}年工作安排\n{text}\n", year)
    assert len(found) == 1, [(t.name, t.value, t.unit) for t in found]
    return found[0]


def test_halves_and_years_come_from_the_headings():
    reading = read(REPORT)
    assert (reading.plan_year, reading.review_year) == (2025, 2024)
    assert [(r.value, r.unit) for r in reading.results][:3] == [
        (Decimal("86.5"), "亿元"),
        (Decimal("6.2"), "%"),
        (Decimal("12"), "公里"),
    ]
    review_values = {(r.value, r.unit) for r in reading.results}
    assert (Decimal("7"), "家") in review_values
    # Nothing of the review half is proposed as a target.
    plan_start = REPORT.index("二、2025年工作安排")
    assert all(target.start > plan_start for target in reading.targets)
    assert all(result.end < plan_start for result in reading.results)


def test_the_year_given_wins_and_dates_follow_it():
    reading = read(REPORT, 2026)
    assert (reading.plan_year, reading.review_year) == (2026, 2025)
    deadline = next(t for t in reading.targets if t.kind == "deadline")
    assert deadline.deadline == date(2026, 3, 31)


def test_the_plan_year_comes_from_the_report_date_when_there_is_no_heading():
    text = "柳河乡人民政府工作报告\n——2026年2月3日\n今年主要目标是：农业总产值增长4%。\n"
    reading = read(text)
    assert reading.plan_year == 2026
    assert [(t.kind, t.value) for t in reading.targets] == [("growth", Decimal("4"))]


def test_a_report_without_a_year_or_a_number_is_refused():
    with pytest.raises(ReaderError, match="年度"):
        read("今年主要目标是：农业总产值增长4%。")
    with pytest.raises(ReaderError, match="数字"):
        read("二〇二五年工作安排\n全面推进乡村振兴。", 2025)
    with pytest.raises(ReaderError, match="空"):
        read("  \n")


def test_the_headline_paragraph_is_section_zero():
    targets = read(REPORT).targets
    headline = [t for t in targets if t.headline]
    assert [t.name for t in headline] == ["地区生产总值", "一般公共预算收入", "城镇居民人均可支配收入"]
    assert {t.section_number for t in headline} == {0}
    assert [t.section_number for t in targets if not t.headline][:2] == [1, 1]


@pytest.mark.parametrize(
    ("sentence", "kind", "value", "unit", "firmness", "qualifier"),
    [
        # firmness words
        ("确保新增规上企业8家。", "count", "8", "家", "确保", ""),
        ("力争引进外资1200万美元。", "amount", "1200", "万美元", "力争", ""),
        ("争取新建标准厂房2.5万平方米。", "amount", "2.5", "万平方米", "争取", ""),
        ("努力实现进出口总额翻一番。", "growth", "100", "%", "努力", ""),
        ("计划疏浚沟渠9条。", "count", "9", "条", "计划", ""),
        # qualifiers
        ("地区生产总值增长6%以上。", "growth", "6", "%", "", "以上"),
        ("植树造林约1200亩。", "amount", "1200", "亩", "", "约"),
        ("接待游客超30万人次。", "count", "30", "万人次", "", "超"),
        ("培训农民1000余名。", "count", "1000", "名", "", "余"),
        ("新增绿地3000多平方米。", "amount", "3000", "平方米", "", "多"),
        ("农业总产值增长5%左右。", "growth", "5", "%", "", "左右"),
        ("税收收入力争突破3亿元。", "amount", "3", "亿元", "力争", "突破"),
        ("村集体经营性收入全部突破百万元。", "amount", "100", "万元", "", "突破"),
        # comparison verbs and units
        ("城镇化率提高1.5个百分点。", "share", "1.5", "个百分点", "", ""),
        ("村卫生室覆盖率达到95%。", "share", "95", "%", "", ""),
        ("单位产值能耗下降3%。", "growth", "3", "%", "", ""),
        ("新建幼儿园两所。", "count", "2", "所", "", ""),
        ("改造老旧小区6个。", "count", "6", "个", "", ""),
        ("举办农民丰收节系列活动5场。", "count", "5", "场", "", ""),
        ("新建5G基站40座。", "count", "40", "座", "", ""),
        ("实施民生实事项目12项。", "count", "12", "项", "", ""),
        ("打造美丽乡村示范村4村。", "count", "4", "村", "", ""),
        ("新增城镇就业500人以上。", "count", "500", "人", "", "以上"),
        ("新建农村公路15千米。", "amount", "15", "千米", "", ""),
        ("完成河道清淤8公里。", "amount", "8", "公里", "", ""),
        ("发放创业贷款800万元。", "amount", "800", "万元", "", ""),
        ("人均发放补贴1200元。", "amount", "1200", "元", "", ""),
        ("农产品网络销售额提高两成。", "growth", "20", "%", "", ""),
        ("合作社入社农户占比达到三成。", "share", "30", "%", "", ""),
        # ranges
        ("城镇居民人均可支配收入增长5%-6%。", "growth", "5", "%", "", "区间"),
        ("新建口袋公园5至6个。", "count", "5", "个", "", "区间"),
        # enumerations
        ("一是新增规上企业5家。", "count", "5", "家", "", ""),
        ("（三）新建农村公路12公里。", "amount", "12", "公里", "", ""),
        ("1.完成高标准农田建设3000亩。", "amount", "3000", "亩", "", ""),
    ],
)
def test_one_figure_per_sentence(sentence, kind, value, unit, firmness, qualifier):
    target = one(sentence)
    assert (target.kind, target.value, target.unit) == (kind, Decimal(value), unit)
    assert (target.firmness, target.qualifier) == (firmness, qualifier)
    assert target.quote in sentence


def test_a_range_keeps_its_upper_bound():
    target = one("城镇居民人均可支配收入增长5%-6%。")
    assert target.upper == Decimal("6")


def test_enumerators_are_not_names_or_figures():
    found = targets_of("2025年工作安排\n1.完成高标准农田建设3000亩；2.二是新增规上企业5家。\n", 2025)
    assert [(t.name, t.value) for t in found] == [
        ("高标准农田建设", Decimal("3000")),
        ("新增规上企业", Decimal("5")),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "围绕三个主攻方向，做好四篇文章。",
        "补齐产地“最先一公里”短板。",
        "全面落实安全生产15条措施。",
        "连续四个季度位居全区第一。",
        "综合考核排名第三，获评全市唯一一家示范单位。",
        "着力招引一批优质项目。",
        "贯彻落实党的二十大精神。",
    ],
)
def test_words_that_look_like_figures_are_not_targets(sentence):
    assert targets_of(f"2025年工作安排\n{sentence}\n", 2025) == []


def test_a_list_shares_its_firmness_word():
    found = targets_of(
        "2025年工作安排\n确保新增规上企业8家、高新技术企业3家，力争新增专精特新企业2家。\n", 2025
    )
    assert [(t.firmness, t.value) for t in found] == [
        ("确保", Decimal("8")),
        ("确保", Decimal("3")),
        ("力争", Decimal("2")),
    ]
    assert found[1].name == "高新技术企业"


def test_each_and_respectively_give_one_target_per_name():
    found = targets_of(
        "2025年工作安排\n新增省级示范村、市级示范村各2个。税收收入、非税收入分别增长5%、6%。\n", 2025
    )
    assert [(t.name, t.value, t.kind) for t in found] == [
        ("新增省级示范村", Decimal("2"), "count"),
        ("市级示范村", Decimal("2"), "count"),
        ("税收收入", Decimal("5"), "growth"),
        ("非税收入", Decimal("6"), "growth"),
    ]


def test_a_threshold_in_the_name_is_not_the_figure():
    target = one("确保新签约超5亿元产业项目3个。")
    assert (target.value, target.unit, target.name) == (Decimal("3"), "个", "新签约超5亿元产业项目")


@pytest.mark.parametrize(
    ("sentence", "deadline", "kind"),
    [
        ("一季度，新开工亿元以上项目3个。", date(2025, 3, 31), "deadline"),
        ("上半年完成老旧小区改造4个。", date(2025, 6, 30), "deadline"),
        ("6月底前完成危桥改造5座。", date(2025, 6, 30), "deadline"),
        ("9月30日前建成口袋公园2个。", date(2025, 9, 30), "deadline"),
        ("前三季度完成农房翻建120户。", date(2025, 9, 30), "deadline"),
        ("年底前完成改厕800户。", date(2025, 12, 31), "count"),
    ],
)
def test_deadlines_become_dates_of_the_plan_year(sentence, deadline, kind):
    target = one(sentence)
    assert (target.deadline, target.kind) == (deadline, kind)


@pytest.mark.parametrize(
    ("sentence", "kind", "period"),
    [
        ("每季度举办招聘活动1次。", "recurring", "quarter"),
        ("每月开展安全检查1次。", "recurring", "month"),
        ("每半年召开一次观摩会。", "recurring", "half"),
        ("每年举办招聘会2场。", "count", ""),
    ],
)
def test_periods(sentence, kind, period):
    target = one(sentence)
    assert (target.kind, target.period) == (kind, period)


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("力争实现上市企业零的突破。", ["上市企业零的突破"]),
        ("力争完成全域土地综合整治试点。", ["全域土地综合整治试点"]),
        ("全镇企业营收突破千万的目标。", ["企业营收突破千万的目标"]),
        ("年底前建成便民服务中心。", ["便民服务中心"]),
        ("重点推进东环路改造、西山隧道工程和文体中心。", ["东环路改造", "西山隧道工程", "文体中心"]),
        ("建设革命历史纪念馆。", ["革命历史纪念馆"]),
    ],
)
def test_milestones_without_numbers(sentence, names):
    found = targets_of(f"2025年工作安排\n这一年要办好几件事。{sentence}\n", 2025)
    assert [(t.kind, t.name, t.value) for t in found] == [("milestone", name, None) for name in names]


def test_a_topic_sentence_is_not_a_milestone():
    assert (
        targets_of("2025年工作安排\n推进更高品质的城市更新项目。加快老街整治，提升街区活力。\n", 2025) == []
    )


def test_what_the_plan_says_of_last_year_is_not_a_target():
    found = targets_of("2025年工作安排\n去年完成固定资产投资20亿元，今年固定资产投资增长10%。\n", 2025)
    assert [(t.kind, t.value, t.unit) for t in found] == [("growth", Decimal("10"), "%")]
    found = targets_of("2025年工作安排\n2024年实现税收1.2亿元；一般公共预算收入比2024年增长5%。\n", 2025)
    assert [(t.value, t.unit) for t in found] == [(Decimal("5"), "%")]


def test_targets_name_the_indicator_they_match_and_results_become_baselines():
    indicators = [
        IndicatorRef(1, "gdp", "地区生产总值", "亿元"),
        IndicatorRef(2, "budget", "一般公共预算收入", "亿元"),
        IndicatorRef(3, "roads", "农村公路", "公里"),
    ]
    reading = read(REPORT, indicators=indicators)
    by_name = {t.name: t for t in reading.targets}
    assert by_name["地区生产总值"].indicator.code == "gdp"
    assert by_name["一般公共预算收入"].indicator.code == "budget"
    assert by_name["新增专精特新企业"].indicator is None
    assert by_name["地区生产总值"].baseline.value == Decimal("86.5")
    assert by_name["一般公共预算收入"].baseline.value == Decimal("2.1")
    # 15千米 of road against last year's 12公里: same dimension, so a baseline.
    assert by_name["新建农村公路"].baseline.unit == "公里"


@pytest.mark.parametrize(
    ("text", "number"),
    [("一千五百", 1500), ("十五", 15), ("两", 2), ("二〇二五", 2025), ("三百零六", 306), ("一万二千", 12000)],
)
def test_chinese_numerals(text, number):
    assert chinese_to_int(text) == number


@pytest.mark.parametrize("text", ["一一", "", "两两", "十a"])
def test_words_are_not_chinese_numerals(text):
    assert chinese_to_int(text) is None


@pytest.mark.parametrize(
    ("value", "from_unit", "to_unit", "expected"),
    [
        ("12000", "万元", "亿元", "1.2"),
        ("1.46", "亿元", "万元", "14600"),
        ("4", "千米", "公里", "4"),
        ("1.5", "万平方米", "平方米", "15000"),
        ("3", "亿元", "户", None),
        ("3", "亿元", "万美元", None),
    ],
)
def test_units_convert_within_their_dimension(value, from_unit, to_unit, expected):
    result = convert(Decimal(value), from_unit, to_unit)
    assert result == (Decimal(expected) if expected else None)


# Property: whatever the sentence, every quote is the text at its offsets, and every value is written in it.
NAMES = st.text(alphabet="农业工企服务收入项目园区道路村镇居民产值", min_size=2, max_size=6)
UNITS = st.sampled_from(
    ["亿元", "万元", "个", "家", "户", "条", "公里", "亩", "%", "人", "场", "次", "座", "项"]
)
VERBS = st.sampled_from(["", "新增", "完成", "确保", "力争", "增长", "达到", "举办"])
QUALIFIERS = st.sampled_from([("", ""), ("超", ""), ("约", ""), ("", "以上"), ("", "左右"), ("", "余")])
NUMBERS = st.one_of(
    st.integers(min_value=1, max_value=99999).map(str),
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999"), places=2).map(lambda d: f"{d:f}"),
    st.sampled_from(["两", "三", "十五", "一百二十"]),
)
CLAUSE = st.tuples(VERBS, NAMES, QUALIFIERS, NUMBERS, UNITS).map(
    lambda c: f"{c[0]}{c[1]}{c[2][0]}{c[3]}{c[2][1] if c[4] != '%' or c[2][1] != '余' else ''}{c[4]}"
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(CLAUSE, min_size=1, max_size=4),
    st.lists(CLAUSE, min_size=1, max_size=4),
    st.sampled_from(["，", "、", "；", ","]),
)
def test_every_quote_is_in_the_text_and_every_value_in_its_quote(review, plan, separator):
    text = f"2024年工作回顾\n{separator.join(review)}。\n2025年工作安排\n{separator.join(plan)}。\n"
    reading = read(text)
    for proposal in reading.targets + reading.results:
        assert text[proposal.start : proposal.end] == proposal.quote
        if proposal.value is not None:
            assert proposal.value_text in proposal.quote
            assert to_decimal(proposal.value_text) == proposal.value
    plan_start = text.index("2025年工作安排")
    assert all(target.start >= plan_start for target in reading.targets)
    assert all(result.end <= plan_start for result in reading.results)


COUNTY = """政府工作报告
——2024年1月12日在云溪县第十八届人民代表大会第三次会议上

一、过去一年的工作
2023年，全县地区生产总值完成312.6亿元、增长6.1%，城乡居民人均可支配收入分别达到4.2万元和2.3万元。
（一）产业发展稳中有进。全年实施重点项目126个，完成投资215亿元。

二、今年的主要目标任务
今年经济社会发展的主要目标：地区生产总值增长6%左右，城乡居民人均可支配收入分别增长6%和7%，城镇调查失业率控制在5.5%以内，研发投入增长百分之十。
（一）抓产业。全年计划实施重点项目130个。6月底前完成城区雨污分流改造二期工程。推进滨江大道、城北污水处理厂和县体育中心建设。年底前建成县妇幼保健院新院区。
"""


def test_a_county_report_with_other_headings():
    reading = read(COUNTY)
    assert (reading.plan_year, reading.review_year) == (2024, 2023)
    assert [(r.name, r.value, r.unit) for r in reading.results] == [
        ("地区生产总值", Decimal("312.6"), "亿元"),
        ("地区生产总值增速", Decimal("6.1"), "%"),
        ("城乡居民人均可支配收入", Decimal("4.2"), "万元"),
        ("城乡居民人均可支配收入", Decimal("2.3"), "万元"),
        ("重点项目", Decimal("126"), "个"),
        ("投资", Decimal("215"), "亿元"),
    ]
    found = [(t.kind, t.name, t.value, t.unit, t.qualifier, t.firmness, t.deadline) for t in reading.targets]
    assert found == [
        ("growth", "地区生产总值", Decimal("6"), "%", "左右", "", None),
        ("growth", "城乡居民人均可支配收入", Decimal("6"), "%", "", "", None),
        ("growth", "城乡居民人均可支配收入增速", Decimal("7"), "%", "", "", None),
        ("share", "城镇调查失业率", Decimal("5.5"), "%", "以内", "", None),
        ("growth", "研发投入", Decimal("10"), "%", "", "", None),
        ("count", "重点项目", Decimal("130"), "个", "", "计划", None),
        ("milestone", "城区雨污分流改造二期工程", None, "", "", "", date(2024, 6, 30)),
        ("milestone", "滨江大道", None, "", "", "", None),
        ("milestone", "城北污水处理厂", None, "", "", "", None),
        ("milestone", "县体育中心", None, "", "", "", None),
        ("milestone", "县妇幼保健院新院区", None, "", "", "", date(2024, 12, 31)),
    ]
    assert all(t.headline for t in reading.targets[:5]) and not reading.targets[5].headline


@pytest.mark.parametrize(
    ("sentence", "direction"),
    [
        ("单位产值能耗下降3%。", "lower"),
        ("城镇登记失业率控制在3%以内。", "lower"),
        ("安全生产事故起数压减10%。", "lower"),
        ("税收收入增长5%以上。", "higher"),
    ],
)
def test_less_is_better_where_the_report_says_so(sentence, direction):
    assert one(sentence).direction == direction


def test_a_decline_last_year_is_named_as_one():
    results = read(
        "2024年工作回顾\n完成固定资产投资18.7亿元，同比下降2.1%。\n2025年工作安排\n新增就业100人。\n"
    ).results
    assert [(r.name, r.value) for r in results] == [
        ("固定资产投资", Decimal("18.7")),
        ("固定资产投资降幅", Decimal("2.1")),
    ]


FUZZ_ALPHABET = list(
    "0123456789.%-～至，。；：、（）()一二两三四五六七八九十百千万亿年月日季度底前每个家户条元公里千米亩人名次所座项村"
    "确保力争争取以上超约余多左右突破增长下降提高达到完成新增新建零的突破破百万翻番成工作回顾安排主要预期目标是“”《》\n 　"
)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=FUZZ_ALPHABET, min_size=1, max_size=200), st.sampled_from([None, 2025]))
def test_any_text_is_read_or_refused_in_chinese_never_crashes(text, year):
    try:
        reading = read(text, year)
    except ReaderError as error:
        assert re.search(r"[\u4e00-\u9fff]", str(error))
        return
    for proposal in reading.targets + reading.results:
        assert proposal.quote and text[proposal.start : proposal.end] == proposal.quote


def test_names_that_differ_by_a_word_are_different_indicators():
    indicators = [
        IndicatorRef(1, "sales", "工业应税销售", "亿元"),
        IndicatorRef(2, "invest", "工业投资", "亿元"),
    ]
    text = (
        "2024年工作回顾\n新增应税销售4000多万元，完成工业投资项目18个。\n"
        "2025年工作安排\n工业应税销售65亿元，服务业应税销售12亿元，工业投资增长8%。\n"
    )
    by_name = {t.name: t for t in read(text, indicators=indicators).targets}
    assert by_name["工业应税销售"].indicator.code == "sales"
    assert by_name["服务业应税销售"].indicator is None
    assert by_name["服务业应税销售"].baseline is None  # 新增应税销售 is a part of it, not its amount
    assert by_name["工业投资"].baseline is None  # a growth rate does not grow from a count of projects


def test_a_short_list_item_takes_the_first_items_qualifiers():
    found = targets_of("2025年工作安排\n培育市级乡村振兴示范村1个、先进村2个。\n", 2025)
    assert [t.name for t in found] == ["市级乡村振兴示范村", "市级乡村振兴先进村"]


def test_goals_of_later_years_are_not_plan_year_targets():
    text = (
        "2025年工作安排\n到2027年，地区生产总值突破500亿元，城镇化率达到65%。“十五五”末建成区域中心城市。"
        "今年粮食总产稳定在10万吨以上，2025年底前完成改厕800户。\n"
    )
    found = targets_of(text, 2025)
    assert [(t.name, t.value, t.unit) for t in found] == [
        ("粮食总产", Decimal("10"), "万吨"),
        ("改厕", Decimal("800"), "户"),
    ]


def test_every_village_over_a_line_is_a_share_of_all_of_them():
    target = one("保持村村破百万的良好势头。")
    assert (target.kind, target.value, target.unit, target.name) == (
        "share",
        Decimal(100),
        "%",
        "保持村村破百万的良好势头",
    )
