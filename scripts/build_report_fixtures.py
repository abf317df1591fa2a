#!/usr/bin/env python3
"""Write ``fixtures/report_*.json`` from the readable tables below: the report's figures as data.

The tables are the reviewable source; the JSON files are its output and are committed beside it. Run
``python scripts/build_report_fixtures.py`` after editing a table. The script needs no Django: it only checks
that every quote stands verbatim in the report (``tests/data/report.txt``, a copy of
``shared/seed/000_8216ce87ef44dc81.txt``) and that every value appears in its quote, then writes the files.

Conventions (the reasons are in docs/report-data.md):
- values are decimal strings in the unit the report uses; nothing is converted (900万美元 stays 900 万美元);
- a firmness word (确保/力争) covers the items of its own clause, up to the next comma or semicolon; 以上/超/约
  qualify the value (``qualifier``: 5%以上, 超80%, 约1500户), they are not firmness; 计划 is a plain intent;
- growth targets keep the rate (%) on the target and measure the underlying amount (亿元, 1—N月累计) on the
  indicator, so the 2022 amount can be the baseline (25.6亿元 × 1.08);
- milestone targets have no value; their indicator counts "项" at month end (done or not);
- stage dates: the report dates none; 完成/完工/验收 in the 2022 review are dated 2022-12-31, and
  "三季度达产认定" 2022-09-30 (the end of the period the report names).
"""

import json
import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "tests" / "data" / "report.txt"
FIXTURES = ROOT / "fixtures"
# Records created from the report carry its date, so nobody mistakes them for later entries.
REPORT_TIMESTAMP = "2023-02-10T00:00:00+08:00"

# ---------------------------------------------------------------------------------------------------------
# Offices. The report names no owner of any figure: these are the town's usual offices, and the indicator
# assignment below is a first proposal for admins to review (README "报告数据").
OFFICES = [
    "党政办",
    "经济发展局",
    "招商服务中心",
    "财政所",
    "农业农村局",
    "建设局",
    "社会事业局",
    "综合执法局",
    "社会治理中心",
]
ECON, INVEST, FINANCE, AGRI, BUILD, SOCIAL, GOVERN = (
    "经济发展局",
    "招商服务中心",
    "财政所",
    "农业农村局",
    "建设局",
    "社会事业局",
    "社会治理中心",
)

# ---------------------------------------------------------------------------------------------------------
# Sections: (year, part, number, title). Titles are the report's headings, verbatim (its commas are ASCII).
SECTIONS = [
    (2023, "plan", 0, "主要预期目标"),
    (2023, "plan", 1, "坚持壮大产业集群,厚植高质量发展基础"),
    (2023, "plan", 2, "坚持集聚创新活力,增强高质量发展动能"),
    (2023, "plan", 3, "坚持加快乡村振兴,擦亮高质量发展底色"),
    (2023, "plan", 4, "坚持聚焦群众关切,共享高质量发展成果"),
    (2023, "plan", 5, "坚持维护安全稳定,强化高质量发展保障"),
    # The review's opening summary has rankings only (连续四个季度乡镇组第一), no quantitative result: no
    # number-0 section for 2022.
    (2022, "review", 1, "知重负重、唯勤唯实,经济运行逆势前行"),
    (2022, "review", 2, "蓄势聚力、创新赋能,智造氛围日益浓厚"),
    (2022, "review", 3, "厚植优势、拓展内涵,镇村面貌绽焕新颜"),
    (2022, "review", 4, "枝叶关情、倾心倾力,人民福祉愈发殷实"),
    (2022, "review", 5, "居安思危、筑牢底线,社会大局和谐稳定"),
    (2022, "review", 6, "务实笃行、勤勉作为,政府效能更加凸显"),
]


@dataclass
class T:
    """One 2023 target and the indicator created for it."""

    section: int
    code: str
    name: str
    kind: str
    value: str | None
    unit: str
    quote: str
    firmness: str = ""
    qualifier: str = ""
    office: str | None = None
    indicator_unit: str | None = None
    measure: str | None = None
    deadline: str | None = None
    period: str = ""
    description: str = ""
    # 12: 年末评定, an award or assessment announced once (docs/report-data.md)
    assessed_in: int | None = None
    # the code of the indicator that counts the whole (a share entered as two counts)
    denominator: str | None = None
    value_from: str = ""  # why the value is not written in the quote (村村 → 100% of villages)


YEAR_END = 12
GROWTH_NOTE = "月度填报1—N月累计额（亿元）；目标为比上年增长的百分比。"
REPORTED_RATE_NOTE = "月度填报统计部门发布的1—N月累计增速（%）；报告未给出上年总量，按增速与目标比较。"
MILESTONE_NOTE = "定性目标：完成记 1 项，未完成记 0。"

TARGETS = [
    # 主要预期目标: the paragraph "综合考虑各方面因素……", all headline.
    T(0, "gdp", "地区生产总值", "growth", "5", "%", "地区生产总值增长5%以上", qualifier="以上",
      office=ECON, indicator_unit="%", measure="level", description=REPORTED_RATE_NOTE),
    T(0, "general-budget-revenue", "一般公共预算收入", "amount", "1.46", "亿元", "一般公共预算收入确保1.46亿元",
      firmness="确保", office=FINANCE),
    T(0, "industrial-taxable-sales", "工业应税销售", "amount", "65", "亿元", "工业应税销售力争65亿元",
      firmness="力争", office=ECON),
    T(0, "industrial-tax-revenue", "工业入库税金", "amount", "2", "亿元", "工业入库税金力争2亿元",
      firmness="力争", office=FINANCE),
    T(0, "service-taxable-sales", "服务业应税销售", "amount", "12", "亿元", "服务业应税销售12亿元", office=ECON),
    T(0, "fixed-asset-investment", "全社会固定资产投资", "growth", "8", "%", "全社会固定资产投资增长8%",
      office=ECON, indicator_unit="亿元", description=GROWTH_NOTE),
    T(0, "industrial-investment", "工业投资", "growth", "8", "%", "其中工业投资增长8%",
      office=ECON, indicator_unit="亿元", description=GROWTH_NOTE),
    T(0, "high-tech-share", "高技术产业占比", "share", "40", "%", "高技术产业占比达40%", office=ECON),
    # (一) 坚持壮大产业集群
    T(1, "investment-promotion-events", "专题性、主题性招商活动", "count", "6", "场",
      "适时举办6场专题性、主题性招商活动", office=INVEST),
    T(1, "foreign-projects-30m-usd", "新签约并注册超3000万美元外资项目", "count", "1", "个",
      "确保新签约并注册超3000万美元外资项目1个", firmness="确保", office=INVEST),
    T(1, "foreign-capital-paid-in", "注册外资实际到账", "amount", "900", "万美元",
      "完成注册外资实际到账900万美元", office=INVEST),
    T(1, "major-projects-500m", "新签约并注册超5亿元重特大项目", "count", "3", "个",
      "确保全年新签约并注册超5亿元重特大项目3个", firmness="确保", office=INVEST),
    T(1, "scitech-projects", "招引科创类项目", "count", "6", "个",
      "确保全年新签约并注册超5亿元重特大项目3个、招引科创类项目6个", firmness="确保", office=INVEST),
    T(1, "q1-industrial-projects-100m", "一季度新开工超亿元产业项目", "deadline", "2", "个",
      "一季度,计划新开工超亿元产业项目2个", office=INVEST, deadline="2023-03-31"),
    # (二) 坚持集聚创新活力
    T(2, "new-industrial-enterprises", "新增规上工业企业", "count", "6", "家", "新增规上工业企业6家", office=ECON),
    T(2, "new-service-enterprises", "新增规上服务业企业", "count", "8", "家",
      "新增规上工业企业6家,规上服务业企业8家", office=ECON),
    T(2, "new-trade-enterprises", "新增规上贸易企业", "count", "6", "家",
      "新增规上工业企业6家,规上服务业企业8家,规上贸易企业6家", office=ECON),
    T(2, "billion-enterprise", "10亿元企业零的突破", "milestone", None, "", "力争实现10亿元企业零的突破",
      firmness="力争", office=ECON, assessed_in=YEAR_END),
    T(2, "nantong-scitech-certified", "南通科创项目认定", "count", "6", "家", "力争南通科创项目认定6家",
      firmness="力争", office=ECON, assessed_in=YEAR_END),
    T(2, "high-tech-enterprises-net", "高新技术企业净增", "count", "4", "家",
      "力争南通科创项目认定6家、高新技术企业净增4家", firmness="力争", office=ECON,
      assessed_in=YEAR_END),
    T(2, "tech-service-enterprises", "新增科技服务业入规企业", "count", "1", "家",
      "新增科技服务业入规企业、省级众创空间各1家", office=ECON),
    T(2, "provincial-makerspaces", "新增省级众创空间", "count", "1", "家",
      "新增科技服务业入规企业、省级众创空间各1家", office=ECON, assessed_in=YEAR_END),
    T(2, "overseas-talent-quota", "海外引才申报指标", "milestone", None, "", "力争完成海外引才申报指标",
      firmness="力争", office=ECON),
    T(2, "startup-talent-projects", "新增创业人才项目", "count", "2", "个", "新增创业人才项目2个", office=ECON,
      assessed_in=YEAR_END),
    T(2, "dongzhou-talents", "新增东洲英才", "count", "3", "个", "新增创业人才项目2个、东洲英才3个", office=ECON,
      assessed_in=YEAR_END),
    T(2, "jianghai-talents", "新增江海英才", "count", "1", "个",
      "新增创业人才项目2个、东洲英才3个、江海英才1个", office=ECON, assessed_in=YEAR_END),
    # (三) 坚持加快乡村振兴
    T(3, "agri-mechanization-bases", "特色农业机械化示范基地", "count", "2", "个",
      "打造特色农业机械化示范基地2个", office=AGRI),
    T(3, "dryer-clean-heat-projects", "烘干机清洁热源改造项目", "count", "3", "个",
      "完成烘干机清洁热源改造项目3个", office=AGRI),
    T(3, "agri-projects-10m", "新增农业农村千万级以上重大项目", "count", "4", "个",
      "力争新增农业农村千万级以上重大项目4个", firmness="力争", office=AGRI),
    T(3, "sanpeng-renovation", "“三棚”和破旧建筑整治", "count", "2500", "户",
      "推进农村“三棚”和破旧建筑整治2500户", office=AGRI),
    T(3, "sanxian-renovation", "村居辖区核心范围“三线”整治", "milestone", None, "",
      "力争村居辖区核心范围完成“三线”整治", firmness="力争", office=BUILD),
    T(3, "river-dredging", "疏浚河道", "count", "10", "条", "计划疏浚河道10条", office=AGRI),
    T(3, "ecological-river", "生态河道建设", "amount", "4", "公里", "实施新高河生态河道建设4公里", office=AGRI),
    T(3, "rural-sewage", "农村生活污水治理", "count", "450", "户", "完成农村生活污水治理450户", office=AGRI),
    T(3, "rural-toilets", "新建改造农厕", "count", "1560", "户", "新建改造农厕1560户", office=AGRI),
    T(3, "model-villages", "市级乡村振兴示范村", "count", "1", "个", "持续培育市级乡村振兴示范村1个", office=AGRI,
      assessed_in=YEAR_END),
    T(3, "advanced-villages", "市级乡村振兴先进村", "count", "2", "个",
      "持续培育市级乡村振兴示范村1个、先进村2个", office=AGRI, assessed_in=YEAR_END),
    T(3, "village-income-million", "村营收入破百万的村", "share", "100", "%",
      "保持村村破百万的势头稳步前进", office=AGRI, indicator_unit="个", measure="level", denominator="villages",
      assessed_in=YEAR_END, value_from="村村破百万：每个村都达到，即占村总数的100%",
      description="月度填报村营收入达到100万元的村数；分母为“行政村总数”，进度为两者之比，年末评定。"),
    # (四) 坚持聚焦群众关切
    T(4, "wangyu-road-resurfacing", "王余公路白改黑", "milestone", None, "",
      "重点推进王余公路白改黑、正中桥危桥改造和运北桥路宽桥窄改造", office=BUILD),
    T(4, "zhengzhong-bridge", "正中桥危桥改造", "milestone", None, "",
      "重点推进王余公路白改黑、正中桥危桥改造和运北桥路宽桥窄改造", office=BUILD),
    T(4, "yunbei-bridge", "运北桥路宽桥窄改造", "milestone", None, "",
      "重点推进王余公路白改黑、正中桥危桥改造和运北桥路宽桥窄改造", office=BUILD),
    T(4, "town-greening", "镇区绿化提升工程", "milestone", None, "", "扎实开展镇区绿化提升工程", office=BUILD),
    T(4, "red-army-school-exhibition", "红军小学展览馆", "milestone", None, "", "建设红军小学展览馆", office=SOCIAL),
    T(4, "legal-culture-sites", "镇村两级法治文化阵地", "count", "2", "个", "优化镇村两级法治文化阵地2个",
      office=GOVERN),
    T(4, "quarterly-job-fairs", "镇级招聘活动", "recurring", "1", "次", "每季度举办镇级招聘活动1次",
      office=SOCIAL, period="quarter"),
    T(4, "public-welfare-jobs", "新增公益性岗位", "count", "20", "个", "全年新增公益性岗位20个", office=SOCIAL),
    T(4, "internship-posts", "新增就业见习岗位", "count", "300", "个",
      "全年新增公益性岗位20个、就业见习岗位300个以上", qualifier="以上", office=SOCIAL),
    T(4, "medical-insurance-coverage", "“15分钟医保圈”服务站村居覆盖率", "share", "80", "%",
      "推进“15分钟医保圈”服务站建设,确保村居覆盖率超80%", firmness="确保", qualifier="超", office=SOCIAL),
    T(4, "gas-fittings", "特殊困难群体免费更换燃气配件", "count", "1500", "户",
      "为全镇约1500户特殊困难群体免费更换符合国家标准的燃气配件", qualifier="约", office=BUILD),
    # (五) 坚持维护安全稳定
    T(5, "social-governance-center", "社会治理综合服务中心建成", "milestone", None, "",
      "建成社会治理综合服务中心", office=GOVERN),
]  # fmt: skip


# Indicators without a target of their own: the whole a share is measured against (``T.denominator``).
EXTRA_INDICATORS = [
    {"code": "villages", "name": "行政村总数", "unit": "个", "measure": "level", "office": AGRI,
     "description": "“村村破百万”的分母：本镇行政村（村居）个数，月度填报。"},
]  # fmt: skip


@dataclass
class R:
    """One quantitative 2022 result; ``baseline_of`` is the code of the 2023 indicator it is the baseline of."""

    section: int
    name: str
    value: str
    unit: str
    quote: str
    qualifier: str = ""
    baseline_of: str | None = None


RESULTS = [
    # (一) 经济运行逆势前行
    R(1, "一般公共预算收入", "1.22", "亿元", "全年完成一般公共预算收入1.22亿元", baseline_of="general-budget-revenue"),
    R(1, "规模以上工业企业总产值", "40.35", "亿元", "规模以上工业企业总产值40.35亿元"),
    R(1, "规模以上工业应税销售", "43", "亿元", "规模以上工业应税销售43亿元"),
    R(1, "工业应税销售", "58.57", "亿元", "工业应税销售58.57亿元", baseline_of="industrial-taxable-sales"),
    R(1, "外贸进出口额", "3", "亿元", "外贸进出口额3亿元"),
    R(1, "固定资产投资", "25.6", "亿元", "固定资产投资25.6亿元", baseline_of="fixed-asset-investment"),
    R(1, "完成工业投资项目", "18", "个", "完成工业投资项目18个"),
    R(1, "完成服务业投资项目", "1", "个", "完成工业投资项目18个,服务业投资项目1个"),
    R(1, "新进规工业企业", "3", "家", "累计新进规工业企业3家", baseline_of="new-industrial-enterprises"),
    R(1, "专题招商推介活动", "3", "场", "召开专题招商推介活动3场", baseline_of="investment-promotion-events"),
    R(1, "获取有效项目信息", "22", "条", "获取有效项目信息22条"),
    R(1, "在手在谈意向企业", "11", "个", "在手在谈意向企业11个"),
    R(1, "已签约及准签约企业", "6", "个", "已签约及准签约企业6个"),
    R(1, "招引超5亿元内资项目", "3", "个", "招引超5亿元内资项目3个", baseline_of="major-projects-500m"),
    R(1, "在谈成熟外资项目", "1", "个", "在谈成熟外资项目1个"),
    R(1, "签约并注册科创类项目", "5", "个", "签约并注册科创类项目5个", baseline_of="scitech-projects"),
    R(1, "5亿元以上重大项目新开工", "2", "个", "实现5亿元以上重大项目新开工2个"),
    R(1, "引进公司入驻闲置厂房", "7", "家", "引进7家公司入驻2万平方米的闲置厂房"),
    R(1, "盘活闲置厂房面积", "2", "万平方米", "引进7家公司入驻2万平方米的闲置厂房"),
    R(1, "盘活闲置厂房新增应税销售", "4000", "万元", "新增应税销售4000多万元", qualifier="多"),
    # (二) 智造氛围日益浓厚
    R(2, "入选南通市“智改数转”服务商资源池企业", "3", "家", "入选2022年南通市“智改数转”服务商资源池企业3家"),
    R(2, "科创项目获南通认定", "7", "个", "科创项目获南通认定7个", baseline_of="nantong-scitech-certified"),
    R(2, "新增省级科小", "47", "家", "新增省级科小47家"),
    R(2, "投入研发经费", "2.58", "亿元", "投入研发经费2.58亿元"),
    R(2, "回购商品房作为人才公寓", "5000", "平方米", "回购5000平方米优质商品房作为人才公寓"),
    # (三) 镇村面貌绽焕新颜
    R(3, "乡村振兴示范村", "1", "个", "培育发展2022-2023年度乡村振兴示范村1个", baseline_of="model-villages"),
    R(3, "乡村振兴先进村", "2", "个", "培育发展2022-2023年度乡村振兴示范村1个、先进村2个",
      baseline_of="advanced-villages"),
    R(3, "高标准农田项目", "3000", "亩", "完成3000亩高标准农田项目"),
    R(3, "成片开发高标准农田补建项目", "300", "亩", "300亩成片开发高标准农田补建项目"),
    R(3, "村级新型合作农场", "16", "个", "村级新型合作农场达16个"),
    R(3, "大豆玉米带状复合种植", "1870", "亩", "落实大豆玉米带状复合种植任务1870亩"),
    R(3, "秋播油菜扩种", "1395.28", "亩", "秋播油菜扩种1395.28亩"),
    R(3, "村级新型合作农场总利润", "141.8", "万元", "总利润超141.8万元", qualifier="超"),
    R(3, "村营收入", "2316", "万元", "全年村营收入超2316万元", qualifier="超"),
    # Not the baseline of 村村破百万 (measured as a share of villages), though the same promise.
    R(3, "各村村营收入", "100", "万元", "各村均突破100万元", qualifier="突破"),
    R(3, "新增新型农业主体", "10", "家", "新增新型农业主体10家"),
    R(3, "生态河道项目", "2", "千米", "完成通吕运河支流新东河2千米生态河道项目", baseline_of="ecological-river"),
    R(3, "疏浚河道", "17", "条", "疏浚河道17条", baseline_of="river-dredging"),
    R(3, "改厕", "1350", "户", "完成改厕1350户"),
    R(3, "新建厕所", "375", "座", "完成改厕1350户、新建375座"),
    R(3, "“三棚”和破旧建筑整治", "3183", "户", "实施“三棚”和破旧建筑整治3183户", baseline_of="sanpeng-renovation"),
    R(3, "拆除违建", "35", "起", "累计拆除违建35起"),
    R(3, "拆除违建面积", "1883", "平方米", "拆除面积1883平方米"),
    R(3, "规上企业雨污分流", "30", "家", "完成规上企业雨污分流30家"),
    R(3, "关停散乱污企业", "2", "家", "关停散乱污企业2家"),
    R(3, "农村污水处理设施工程接管", "1240", "户", "农村污水处理设施工程接管1240户", baseline_of="rural-sewage"),
    R(3, "餐饮行业油烟治理", "3", "家", "餐饮行业油烟治理3家"),
    R(3, "企业VOCs综合治理", "9", "家", "企业VOCs综合治理9家"),
    R(3, "家具、涂装、汽修三大行业再提升", "13", "家", "家具、涂装、汽修三大行业再提升13家"),
    # (四) 人民福祉愈发殷实
    R(4, "推进安置房建设", "1.5", "万平方米", "推进1.5万平方米安置房建设"),
    R(4, "南通市四星级示范农家书屋", "1", "个", "获评南通市四星级示范农家书屋1个"),
    R(4, "省级文明村", "1", "个", "入选省、市级文明村各1个"),
    R(4, "市级文明村", "1", "个", "入选省、市级文明村各1个"),
    R(4, "省第五届“书香家庭”", "1", "户", "获评省第五届“书香家庭”1户"),
    R(4, "南通市“文明家庭”", "2", "户", "南通市“文明家庭”2户"),
    R(4, "宣讲、送戏下乡、全民阅读等活动", "1000", "场",
      "开展“百场宣讲进基层”、送戏下乡、全民阅读等活动1000余场", qualifier="余"),
    R(4, "教育发展基金会资助学生", "100", "名", "教育发展基金会资助学生100余名", qualifier="余"),
    R(4, "螺旋CT机受益人数", "3100", "人", "螺旋CT机受益人数超3100人", qualifier="超"),
    # (五) 社会大局和谐稳定
    R(5, "警格", "7", "个", "全镇7个警格与53个综合网格融合叠加"),
    R(5, "综合网格", "53", "个", "全镇7个警格与53个综合网格融合叠加"),
    R(5, "易肇事肇祸严重精神障碍患者服务", "1700", "次", "完成易肇事肇祸严重精神障碍患者服务1700次"),
    R(5, "孤寡、失助、空巢老人服务", "7159", "次", "孤寡、失助、空巢老人服务7159次"),
    R(5, "上报、流转、反馈网格事件", "8363", "条", "上报、流转、反馈网格事件8363条"),
    R(5, "上级指挥联动平台交办工单办结率", "100", "%", "100%办结上级指挥联动平台交办工单3804件"),
    R(5, "上级指挥联动平台交办工单", "3804", "件", "100%办结上级指挥联动平台交办工单3804件"),
    R(5, "接待群众来访", "458", "起", "接待群众来访458起702人次"),
    R(5, "接待群众来访人次", "702", "人次", "接待群众来访458起702人次"),
    R(5, "处理集访案", "25", "件", "处理集访案25件"),
    R(5, "安全监管立案查处", "6", "起", "立案查处6起"),
    # (六) 政府效能更加凸显
    R(6, "办理人大代表建议", "37", "件", "办理人大代表建议37件"),
]  # fmt: skip


@dataclass
class P:
    """A named project or public work. ``section`` is where the report names it (year, number): for counting."""

    section: tuple[int, int]
    name: str
    kind: str
    category: str
    quote: str
    office: str | None = None
    description: str = ""
    events: list[tuple[str, str]] = field(default_factory=list)
    # the code of the 2023 target this work pushes forward (the target's status comes from the work)
    target: str | None = None

    @property
    def year(self):
        return self.section[0]


DONE_2022 = "2022-12-31"  # the report says 完成/完工 but gives no date: the year's end
PROJECTS = [
    # 2022, (一)
    P((2022, 1), "御镐项目", "investment", "industrial", "全力以赴推进御镐项目完成三季度达产认定", ECON,
      events=[("full_production", "2022-09-30")]),
    P((2022, 1), "年产10万台精密RV减速机项目", "investment", "industrial",
      "全面推进“年产10万台精密RV减速机”项目", ECON),
    # 2022, (三)
    P((2022, 3), "3000亩高标准农田项目", "public_work", "agriculture",
      "完成3000亩高标准农田项目和300亩成片开发高标准农田补建项目", AGRI, events=[("work_finished", DONE_2022)]),
    P((2022, 3), "300亩成片开发高标准农田补建项目", "public_work", "agriculture",
      "完成3000亩高标准农田项目和300亩成片开发高标准农田补建项目", AGRI, events=[("work_finished", DONE_2022)]),
    P((2022, 3), "樱华家庭农场农产品冷藏保鲜项目", "investment", "agriculture",
      "樱华家庭农场和绿晓家庭农场农产品冷藏保鲜项目完工验收", AGRI,
      description="报告：完工验收。", events=[("completed", DONE_2022)]),
    P((2022, 3), "绿晓家庭农场农产品冷藏保鲜项目", "investment", "agriculture",
      "樱华家庭农场和绿晓家庭农场农产品冷藏保鲜项目完工验收", AGRI,
      description="报告：完工验收。", events=[("completed", DONE_2022)]),
    P((2022, 3), "新东河生态河道项目", "public_work", "agriculture", "完成通吕运河支流新东河2千米生态河道项目",
      AGRI, description="通吕运河支流新东河，2千米。", events=[("work_finished", DONE_2022)]),
    # 2022, (四)
    *[
        P((2022, 4), f"{road}改造、绿化工程", "public_work", "infrastructure",
          "完成环镇西路、高新路、新岸中心路、正创路等道路的改造、绿化工程", BUILD,
          events=[("work_finished", DONE_2022)])
        for road in ("环镇西路", "高新路", "新岸中心路", "正创路")
    ],
    P((2022, 4), "正余农贸市场改造升级", "public_work", "livelihood", "改造升级正余和王浩农贸市场", BUILD),
    P((2022, 4), "王浩农贸市场改造升级", "public_work", "livelihood", "改造升级正余和王浩农贸市场", BUILD),
    P((2022, 4), "暑期校舍维修工程", "public_work", "public_service", "实施暑期校舍维修工程", SOCIAL),
    P((2022, 4), "王浩幼儿园功能室提档升级", "public_work", "public_service", "提档升级王浩幼儿园功能室", SOCIAL),
    P((2022, 4), "安置房建设", "public_work", "livelihood", "推进1.5万平方米安置房建设", BUILD,
      description="1.5万平方米。"),
    # 2023, (一)
    P((2023, 1), "博信科技项目", "investment", "industrial",
      "紧密对接博信科技、阿为特、上海玺农等成熟度较高的项目信息", INVEST),
    P((2023, 1), "阿为特项目", "investment", "industrial",
      "紧密对接博信科技、阿为特、上海玺农等成熟度较高的项目信息", INVEST),
    P((2023, 1), "上海玺农项目", "investment", "industrial",
      "紧密对接博信科技、阿为特、上海玺农等成熟度较高的项目信息", INVEST),
    # 2023, (三)
    P((2023, 3), "500亩农业产业园区", "investment", "agriculture", "聚焦500亩农业产业园区建设", AGRI,
      description="500亩。"),
    P((2023, 3), "冷链物流加工中心项目", "investment", "agriculture", "以冷链物流加工中心项目为依托", AGRI),
    P((2023, 3), "新高河生态河道建设", "public_work", "agriculture", "实施新高河生态河道建设4公里", AGRI,
      description="4公里。"),
    P((2023, 3), "农产品处理配送及电商销售平台", "public_work", "agriculture",
      "建设农产品处理配送及电商销售平台", AGRI),
    # 2023, (四)
    P((2023, 4), "王余公路白改黑", "public_work", "infrastructure",
      "重点推进王余公路白改黑、正中桥危桥改造和运北桥路宽桥窄改造", BUILD, target="wangyu-road-resurfacing"),
    P((2023, 4), "正中桥危桥改造", "public_work", "infrastructure",
      "重点推进王余公路白改黑、正中桥危桥改造和运北桥路宽桥窄改造", BUILD, target="zhengzhong-bridge"),
    P((2023, 4), "运北桥路宽桥窄改造", "public_work", "infrastructure",
      "重点推进王余公路白改黑、正中桥危桥改造和运北桥路宽桥窄改造", BUILD, target="yunbei-bridge"),
    P((2023, 4), "镇区绿化提升工程", "public_work", "livelihood", "扎实开展镇区绿化提升工程", BUILD,
      target="town-greening"),
    P((2023, 4), "红军小学展览馆", "public_work", "public_service", "建设红军小学展览馆", SOCIAL,
      target="red-army-school-exhibition"),
    P((2023, 4), "校舍维修", "public_work", "public_service", "适时进行校舍维修", SOCIAL),
    # 2023, (五)
    P((2023, 5), "社会治理综合服务中心", "public_work", "public_service", "建成社会治理综合服务中心", GOVERN),
]  # fmt: skip

# ---------------------------------------------------------------------------------------------------------


def plain(value: str) -> str:
    """A decimal string as the report writes it: no exponent, no trailing zeros (3000, 1.46)."""
    return f"{Decimal(value).normalize():f}"


def value_in_quote(value: str, unit: str, quote: str) -> bool:
    """The value, optionally followed by 余/多, then its unit, stands in the quote (e.g. 4000多万元)."""
    return re.search(re.escape(plain(value)) + "(余|多)?" + re.escape(unit), quote) is not None


def check(report: str) -> list[str]:
    problems = []
    codes = [target.code for target in TARGETS]
    if len(codes) != len(set(codes)):
        problems.append("duplicate indicator codes")
    for row in [*TARGETS, *RESULTS, *PROJECTS]:
        if row.quote not in report:
            problems.append(f"quote not in report: {row.quote}")
    for row in [*TARGETS, *RESULTS]:
        if getattr(row, "value_from", ""):
            continue  # the value is implied by the wording (村村 → 100%); the reason is kept with the row
        if row.value is not None and not value_in_quote(row.value, row.unit, row.quote):
            problems.append(f"value {row.value}{row.unit} not in quote: {row.quote}")
    for result in RESULTS:
        if result.baseline_of and result.baseline_of not in codes:
            problems.append(f"unknown indicator {result.baseline_of}")
    for _year, _part, _number, title in SECTIONS:
        if title != "主要预期目标" and title not in report:
            problems.append(f"section title not in report: {title}")
    return problems


def build():
    office_pk = {name: pk for pk, name in enumerate(OFFICES, start=1)}
    offices = [
        {"model": "targets.office", "pk": pk, "fields": {"name": name, "order": pk * 10}}
        for name, pk in office_pk.items()
    ]
    section_pk = {(year, number): year * 100 + number for year, _part, number, _title in SECTIONS}
    sections = [
        {
            "model": "targets.section",
            "pk": section_pk[(year, number)],
            "fields": {"year": year, "part": part, "number": number, "title": title},
        }
        for year, part, number, title in SECTIONS
    ]
    indicator_pk = {}
    plan = []
    for order, target in enumerate(TARGETS, start=1):
        indicator_pk[target.code] = order
        milestone = target.kind == "milestone"
        measure = target.measure or ("level" if target.kind in {"share", "milestone"} else "ytd")
        plan.append(
            {
                "model": "targets.indicator",
                "pk": order,
                "fields": {
                    "code": target.code,
                    "name": target.name,
                    "unit": target.indicator_unit or ("项" if milestone else target.unit),
                    "measure": measure,
                    "direction": "higher",
                    "office": office_pk[target.office] if target.office else None,
                    "partner_offices": [],
                    "leader": None,
                    "description": target.description or (MILESTONE_NOTE if milestone else ""),
                    "denominator": None,
                },
            }
        )
    for extra in EXTRA_INDICATORS:
        pk = len(indicator_pk) + 1
        indicator_pk[extra["code"]] = pk
        plan.append(
            {
                "model": "targets.indicator",
                "pk": pk,
                "fields": {
                    "code": extra["code"],
                    "name": extra["name"],
                    "unit": extra["unit"],
                    "measure": extra["measure"],
                    "direction": "higher",
                    "office": office_pk[extra["office"]],
                    "partner_offices": [],
                    "leader": None,
                    "description": extra["description"],
                    "denominator": None,
                },
            }
        )
    for record, target in zip(plan, TARGETS, strict=False):
        if target.denominator:
            record["fields"]["denominator"] = indicator_pk[target.denominator]
    for order, target in enumerate(TARGETS, start=1):
        value = plain(target.value) if target.value is not None else None
        plan.append(
            {
                "model": "targets.target",
                "pk": order,
                "fields": {
                    "indicator": indicator_pk[target.code],
                    "year": 2023,
                    "section": section_pk[(2023, target.section)],
                    "kind": target.kind,
                    "firmness": target.firmness,
                    "qualifier": target.qualifier,
                    "value": value,
                    "unit": target.unit,
                    "original_value": value,
                    "deadline": target.deadline,
                    "period": target.period,
                    "assessed_in": target.assessed_in,
                    "phasing": None,
                    "quote": target.quote,
                    "headline": target.section == 0,
                    "order": order,
                },
            }
        )
    review = [
        {
            "model": "targets.result",
            "pk": order,
            "fields": {
                "section": section_pk[(2022, result.section)],
                "year": 2022,
                "indicator": indicator_pk[result.baseline_of] if result.baseline_of else None,
                "name": result.name,
                "value": plain(result.value),
                "unit": result.unit,
                "qualifier": result.qualifier,
                "quote": result.quote,
                "order": order,
            },
        }
        for order, result in enumerate(RESULTS, start=1)
    ]
    projects, events = [], []
    for pk, project in enumerate(PROJECTS, start=1):
        projects.append(
            {
                "model": "projects.project",
                "pk": pk,
                "fields": {
                    "name": project.name,
                    "kind": project.kind,
                    "category": project.category,
                    "office": office_pk[project.office] if project.office else None,
                    "responsible": None,
                    # The report gives no investment amount for any named project (超5亿元 etc. are thresholds).
                    "investment": None,
                    "investment_unit": "亿元",
                    "year": project.year,
                    "deadline": None,
                    "description": project.description,
                    "quote": project.quote,
                    "is_sample": False,
                    "target": indicator_pk[project.target] if project.target else None,
                    "created_at": REPORT_TIMESTAMP,
                    "updated_at": REPORT_TIMESTAMP,
                },
            }
        )
        for stage, reached_on in project.events:
            events.append(
                {
                    "model": "projects.stageevent",
                    "pk": len(events) + 1,
                    "fields": {"project": pk, "stage": stage, "reached_on": reached_on},
                }
            )
    return {
        "report_offices": offices,
        "report_sections": sections,
        "report_2023": plan,
        "report_2022": review,
        "report_projects": projects + events,
    }


def main() -> int:
    report = REPORT.read_text(encoding="utf-8")
    problems = check(report)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    FIXTURES.mkdir(exist_ok=True)
    for name, records in build().items():
        text = json.dumps(records, ensure_ascii=False, indent=1) + "\n"
        (FIXTURES / f"{name}.json").write_text(text, encoding="utf-8")
        print(f"fixtures/{name}.json: {len(records)} records")
    return 0


if __name__ == "__main__":
    sys.exit(main())
