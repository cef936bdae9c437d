"""Every rule of LEGAL-RULES.md by id, with the article a refusal cites.

Pure data with no model imports, so any layer (org, citycases, penalties) may use it. The id is the API
error code; a check builds its refusal with ``violation(rule_id, message)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chengguan.core.errors import Violation

XFF = "《中华人民共和国行政处罚法》"
QZF = "《中华人民共和国行政强制法》"
SZ = "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号）"
CL = "《国务院办公厅关于进一步规范行政裁量权基准制定和管理工作的意见》（国办发〔2022〕27号）"
SC = "《数字化城市管理信息系统》（GB/T 30428）"
RX = "《国务院办公厅关于进一步优化地方政务服务便民热线的指导意见》"
ZJB = "《城市管理执法办法》（住房和城乡建设部令第34号）"
PIPL = "《中华人民共和国个人信息保护法》"
# --- helper:inspections ---
JC = "《国务院办公厅关于严格规范涉企行政检查的意见》（国办发〔2024〕54号）"
ZFJD = "《行政执法监督条例》"
SJ = "《国务院办公厅关于推广随机抽查规范事中事后监管的通知》（国办发〔2015〕58号）"
# --- /helper:inspections ---
# --- helper:permits ---
XKF = "《中华人民共和国行政许可法》"
JY = "《全国人民代表大会代表建议、批评和意见处理办法》；《政协全国委员会提案工作条例》"
# --- /helper:permits ---


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    article: str


def _r(rule_id: str, title: str, article: str) -> Rule:
    return Rule(rule_id, title, article)


RULES: dict[str, Rule] = {
    r.id: r
    for r in [
        _r("XF-85", "期间以工作日计", f"{XFF}第八十五条"),
        _r("QZ-69", "十日以内期间以工作日计", f"{QZF}第六十九条"),
        _r("CAL-1", "期间开始之日不计算在内", "《中华人民共和国民事诉讼法》第八十五条"),
        _r("CAL-2", "工作日以国务院节假日安排为准", "国务院办公厅年度节假日安排通知"),
        _r("SC-6", "数字城管时限以工作时计", f"{SC}第2部分"),
        _r("XF-9", "行政处罚的种类", f"{XFF}第九条"),
        _r("XF-28", "责令改正", f"{XFF}第二十八条"),
        _r("XF-29", "一事不二罚款", f"{XFF}第二十九条"),
        _r("XF-30", "未成年人", f"{XFF}第三十条"),
        _r("XF-32", "从轻、减轻处罚情形", f"{XFF}第三十二条"),
        _r("XF-33", "不予处罚情形", f"{XFF}第三十三条"),
        _r("XF-34", "裁量基准", f"{XFF}第三十四条"),
        _r("XF-36", "追责时效", f"{XFF}第三十六条"),
        _r("XF-38", "行政处罚无效", f"{XFF}第三十八条"),
        _r("XF-42", "执法人员资格与人数", f"{XFF}第四十二条"),
        _r("XF-43", "回避", f"{XFF}第四十三条"),
        _r("XF-44", "事先告知", f"{XFF}第四十四条"),
        _r("XF-45", "陈述申辩与不得加重", f"{XFF}第四十五条"),
        _r("XF-46", "证据种类", f"{XFF}第四十六条"),
        _r("XF-47", "全过程记录", f"{XFF}第四十七条"),
        _r("XF-48", "行政处罚决定公开", f"{XFF}第四十八条"),
        _r("XF-51", "简易程序适用条件", f"{XFF}第五十一条"),
        _r("XF-52", "当场处罚决定书与备案", f"{XFF}第五十二条"),
        _r("XF-54", "立案", f"{XFF}第五十四条"),
        _r("XF-55", "出示执法证件", f"{XFF}第五十五条"),
        _r("XF-56", "先行登记保存", f"{XFF}第五十六条"),
        _r("XF-57", "调查终结后的决定", f"{XFF}第五十七条"),
        _r("XF-58", "法制审核", f"{XFF}第五十八条"),
        _r("XF-59", "处罚决定书内容", f"{XFF}第五十九条"),
        _r("XF-60", "办案期限", f"{XFF}第六十条"),
        _r("XF-61", "送达", f"{XFF}第六十一条"),
        _r("XF-62", "未告知或拒绝听取陈述申辩不得作出决定", f"{XFF}第六十二条"),
        _r("XF-63", "听证权利", f"{XFF}第六十三条"),
        _r("XF-64", "听证程序", f"{XFF}第六十四条"),
        _r("XF-66", "暂缓或分期缴纳", f"{XFF}第六十六条"),
        _r("XF-67", "罚缴分离", f"{XFF}第六十七条"),
        _r("XF-68", "当场收缴", f"{XFF}第六十八条"),
        _r("XF-70", "专用票据", f"{XFF}第七十条"),
        _r("XF-71", "当场收缴罚款的交纳期限", f"{XFF}第七十一条"),
        _r("XF-72", "加处罚款", f"{XFF}第七十二条"),
        _r("XF-73", "复议诉讼期间不停止执行", f"{XFF}第七十三条"),
        _r("QZ-53", "申请法院强制执行", f"{QZF}第五十三条"),
        _r("QZ-54", "催告", f"{QZF}第五十四条"),
        # --- measures ---
        _r("QZ-18", "查封扣押的实施程序", f"{QZF}第十八条、第二十四条"),
        _r("QZ-19", "当场实施后二十四小时内报告并补办批准", f"{QZF}第十九条"),
        _r("QZ-24", "查封扣押决定书和清单", f"{QZF}第二十四条"),
        _r("QZ-25", "查封扣押期限及延长", f"{QZF}第二十五条"),
        _r("QZ-26", "妥善保管，不得使用", f"{QZF}第二十六条"),
        _r("QZ-28", "及时解除查封扣押", f"{QZF}第二十八条"),
        # --- end measures ---
        _r("SZ-1", "事前公开", f"{SZ}第二部分"),
        _r("SZ-3", "事后公开", f"{SZ}第二部分"),
        _r("SZ-4", "年度执法数据公开", f"{SZ}第二部分"),
        _r("SZ-6", "音像记录", f"{SZ}第三部分"),
        _r("SZ-7", "重大执法决定法制审核目录", f"{SZ}第四部分"),
        _r("SZ-8", "法制审核内容", f"{SZ}第四部分"),
        _r("SZ-10", "法制审核人员比例", f"{SZ}第四部分"),
        _r("CL-1", "裁量基准的内容", f"{CL}第三部分"),
        _r("CL-4", "在裁量阶次内确定罚款数额", f"{CL}第三部分"),
        _r("CL-5", "不得以罚款为创收或考核指标", f"{CL}第三部分"),
        _r("CL-6", "偏离裁量基准须经批准", f"{CL}第四部分"),
        _r("ORG-1", "持有效执法证件", f"{XFF}第四十二条；{ZJB}第十七条"),
        _r("ORG-2", "协管员不得作为执法人员", f"{ZJB}第十八条"),
        _r("ORG-3", "乡镇街道仅行使赋权事项", "《中华人民共和国行政处罚法》第二十四条"),
        _r("ORG-4", "职能分离", f"{XFF}第四十三条、第六十四条"),
        _r("ORG-5", "处置部门与属地范围", "本平台组织规则"),
        _r(
            "SC-1",
            "单元网格划分与编码",
            "《数字化城市管理信息系统 第1部分：单元网格》（GB/T 30428.1）",
        ),
        _r(
            "SC-2",
            "管理部件和事件分类",
            "《数字化城市管理信息系统 第2部分：管理部件和事件》（GB/T 30428.2）",
        ),
        _r("SC-4", "绩效评价指标", "《数字化城市管理信息系统 第4部分：绩效评价》（GB/T 30428.4）"),
        _r("SC-5", "闭环流程", "《城市市政综合监管信息系统技术规范》（CJJ/T 106）"),
        _r("RX-2", "12345 工单流程", RX),
        _r("RX-5", "12345 考核指标", RX),
        _r("GS-1", "双公示数据项", "《行政许可和行政处罚等信用信息公示工作指引》"),
        _r("GS-2", "公示中的个人信息保护", "《行政许可和行政处罚等信用信息公示工作指引》"),
        _r("PI-1", "敏感个人信息加密与脱敏", f"{PIPL}第五十一条"),
        # machine (issue #11, §10.8–10.9): correction orders.
        _r("ZL-1", "责令限期改正与复查", f"{XFF}第二十八条；{ZJB}"),
        # end machine
        # --- content (issue #11, §10.3): the content of a decision ---
        _r("XF-28.2", "没收违法所得", f"{XFF}第二十八条第二款"),
        _r("XF-29.2", "同一行为违反多个规范按罚款数额高的处罚", f"{XFF}第二十九条"),
        _r("XF-31", "精神病人、智力残疾人", f"{XFF}第三十一条"),
        _r("XF-37", "从旧兼从轻", f"{XFF}第三十七条"),
        _r(
            "PA-1",
            "当事人身份",
            "《公民身份号码》（GB 11643）；《法人和其他组织统一社会信用代码编码规则》（GB 32100）",
        ),
        # --- end content ---
        # --- helper:inspections (LEGAL-RULES §11) ---
        _r("JC-1", "只能检查公布的行政检查事项", f"{JC}第二部分；{ZFJD}"),
        _r("JC-2", "检查须经负责人事先批准或依规补批", f"{JC}第二部分"),
        _r("JC-3", "两名以上持证执法人员实施检查", f"{XFF}第四十二条；{JC}第二部分"),
        _r("JC-4", "同一企业年度检查次数上限", f"{JC}第三部分"),
        _r("JC-5", "检查码（扫码入企）", f"{JC}第三部分"),
        _r("JC-6", "书面告知检查结果，不得附加负担", f"{JC}第二部分"),
        _r("SJ-1", "双随机抽取可复现并依法回避", SJ),
        # --- /helper:inspections ---
        # --- helper:hearing2 --- (issue #11, §10.2: decision on the hearing transcript)
        _r("XF-65", "依听证笔录作出决定", f"{XFF}第六十五条"),
        # --- /helper:hearing2 ---
        # --- helper:execution --- (issue #11, §10.1, §10.4): recorded dates and service.
        _r(
            "TM-1",
            "记录日期不得晚于今天或早于其前序事项",
            f"{XFF}第四十七条（全过程记录）",
        ),
        _r(
            "TM-2",
            "补记日期须说明理由并经负责人批准",
            f"{XFF}第四十七条（全过程记录）；本平台规则",
        ),
        _r("SD-1", "送达方式及其生效", "《中华人民共和国民事诉讼法》第八十七条至第九十一条"),
        _r("SD-2", "公告送达", "《中华人民共和国民事诉讼法》第九十五条"),
        # --- /helper:execution ---
        # --- helper:execution --- (issue #11, §10.7): the bureau's own compulsory execution.
        _r("QZ-13", "行政强制执行由法律设定", f"{QZF}第十三条"),
        _r("QZ-34", "限期内不履行义务的方可强制执行", f"{QZF}第三十四条"),
        _r("QZ-35", "强制执行前书面催告", f"{QZF}第三十五条"),
        _r("QZ-36", "听取陈述申辩并复核", f"{QZF}第三十六条"),
        _r("QZ-37", "逾期不履行且无正当理由的作出强制执行决定", f"{QZF}第三十七条、第三十八条"),
        _r("QZ-43", "不得夜间或节假日实施，不得停水停电停热停气", f"{QZF}第四十三条"),
        _r("QZ-44", "强制拆除的公告与期限", f"{QZF}第四十四条"),
        # --- /helper:execution ---
        # --- helper:due3 --- (issue #11, §10.8: jurisdiction and transfer)
        _r("XF-22", "地域管辖与移送有管辖权的机关", f"{XFF}第二十二条"),
        _r(
            "XF-27",
            "涉嫌犯罪案件移送司法机关",
            f"{XFF}第二十七条；《行政执法机关移送涉嫌犯罪案件的规定》（国务院令第310号）"
            "第五条、第八条",
        ),
        _r("XF-72.2", "暂缓、分期缴纳后申请强制执行的期限", f"{XFF}第七十二条第二款"),
        _r("XF-69", "边远、水上、交通不便地区当场收缴罚款", f"{XFF}第六十九条"),
        _r("XF-74", "罚没物品的处置", f"{XFF}第七十四条"),
        # --- /helper:due3 ---
        # --- helper:permits (LEGAL-RULES §12) ---
        _r("XK-1", "本机关实施的行政许可事项及其材料、有效期", f"{XKF}第三十条"),
        _r("XK-32", "五个工作日内受理或一次性告知补正材料", f"{XKF}第三十二条"),
        _r("XK-38", "不予许可书面说明理由并告知救济途径", f"{XKF}第三十八条"),
        _r("XK-40", "准予许可决定公开（双公示）", f"{XKF}第四十条"),
        _r("XK-42", "二十个工作日内作出决定（延长十个工作日）", f"{XKF}第四十二条、第四十五条"),
        _r("JY-1", "人大代表建议、政协委员提案按期办复", JY),
        # --- /helper:permits ---
        # --- helper:inspections2 ---
        _r("SJ-2", "抽查结果和检查结果依规公示", SJ),
        # --- /helper:inspections2 ---
    ]
}


def rule(rule_id: str) -> Rule:
    return RULES[rule_id]


def violation(rule_id: str, message: str, **details: Any) -> Violation:
    """A Violation of a catalogued rule; an unknown id is a programming error (KeyError)."""
    return Violation(rule=rule_id, message=message, article=RULES[rule_id].article, details=details)
