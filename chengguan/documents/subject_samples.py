"""Complete sample subjects as plain data: for previews and the builders' tests (as ``samples``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from chengguan.documents.data import Officer, Party
from chengguan.documents.samples import sample_case
from chengguan.documents.subject_data import (
    ExecutionData,  # --- helper:execdocs ---
    InspectionData,
    PermitData,
    SeizedItem,
    SeizureData,
    SuggestionData,
)

OFFICERS = (Officer("李明", "豫41000012345"), Officer("王强", "豫41000012346"))


def sample_inspection() -> InspectionData:
    return InspectionData(
        bureau=sample_case().bureau,
        unit="城关执法中队",
        code="K7M2Q9XH4T3P",
        items=("餐饮服务单位油烟排放检查",),
        basis=("《中华人民共和国大气污染防治法》第八十一条。",),
        entity=Party(
            "organisation", "示范县福满楼餐饮有限公司", "91411323MA47R8XK1X", "示范县人民路8号"
        ),
        reason="计划检查（双随机）",
        planned_on=dt.date(2025, 3, 11),
        officers=OFFICERS,
        verify_url="https://cg.example.gov.cn/portal/inspections/K7M2Q9XH4T3P",
        approved_on=dt.date(2025, 3, 7),
        approver="赵局长",
        recorded_on=dt.date(2025, 3, 11),
        findings="油烟净化设施未开启，油污积存。",
        ok=False,
        result="发现油烟净化设施未正常使用。",
        result_told_on=dt.date(2025, 3, 12),
        correction_content="7日内清洗油烟净化设施并保持正常使用。",
        correction_deadline=dt.date(2025, 3, 18),
        correction_ordered_on=dt.date(2025, 3, 11),
        correction_provision="《中华人民共和国大气污染防治法》第八十一条第一款",
        rechecked_on=dt.date(2025, 3, 19),
        recheck_met=True,
        recheck_record="油烟净化设施已清洗并正常运行。",
        recheck_by="李明",
        issued_on=dt.date(2025, 3, 19),
    )


def sample_seizure() -> SeizureData:
    case = sample_case()
    return SeizureData(
        bureau=case.bureau,
        measure="扣押",
        case_number=case.case_number,
        cause=case.cause,
        party=case.party,
        facts=case.facts,
        legal_basis=case.penalty_provision,
        items=(
            SeizedItem("三轮车（蓝色）", "1", "辆", "车斗内水果两筐。"),
            SeizedItem("电子秤", "1", "台"),
        ),
        place="示范县城市管理局暂扣物品库",
        condition="车况完好，水果新鲜",
        held_on=dt.date(2024, 5, 6),
        decide_by=dt.date(2024, 6, 15),
        officers=OFFICERS,
        approved_on=dt.date(2024, 5, 6),
        approver="赵局长",
        witnesses=("孙某（路人）",),
        extended_on=dt.date(2024, 6, 3),
        extension_days=10,
        extension_reason="案情复杂，需要进一步调查取证。",
        released_on=dt.date(2024, 6, 10),
        release_reason="已作出处理决定，不再需要查封扣押",
        returned_on=dt.date(2024, 6, 10),
        decision_number="示城管强决字〔2024〕1号",
        issued_on=dt.date(2024, 6, 10),
    )


def sample_permit(*, granted: bool | None = True) -> PermitData:
    return PermitData(
        bureau=sample_case().bureau,
        application_number="XK-2025-0001",
        kind_name="设置大型户外广告",
        legal_basis="《城市市容和环境卫生管理条例》第十一条",
        applicant=Party("person", "李四", "411323199003071234", phone="13800138000"),
        location="示范县人民路与建设路交叉口东北角",
        period="三年",
        materials=("申请书", "申请人身份证明", "设置场地使用证明"),
        received_on=dt.date(2025, 6, 3),
        accept_by=dt.date(2025, 6, 10),
        accepted_on=dt.date(2025, 6, 4),
        missing=("广告设施设计图及效果图", "结构安全性能报告。"),
        materials_requested_on=dt.date(2025, 6, 3),
        decide_by=dt.date(2025, 7, 16),
        extended=True,
        extension_reason="需要现场勘验设置地点。",
        decided_on=dt.date(2025, 7, 10),
        granted=granted,
        reasons="经审查，设置地点位于城市主干道禁设区域。",
        valid_from=dt.date(2025, 7, 11),
        valid_to=dt.date(2028, 7, 10),
        conditions="广告设施每半年进行一次安全检测。",
        decision_number="示城管许准字〔2025〕1号",
        issued_on=dt.date(2025, 7, 10),
    )


def sample_suggestion(round: int = 1) -> SuggestionData:
    return SuggestionData(
        bureau=sample_case().bureau,
        kind="政协委员提案",
        addressee="委员",
        number="第7号",
        title="《关于规范户外广告设置的提案》",
        assigned_on=dt.date(2025, 3, 10),
        lead_unit="市容环境卫生管理所",
        co_units=("园林绿化管理所",),
        reply_text="一、已制定户外广告设置规划。\n二、对违规广告开展集中整治。",
        replied_on=dt.date(2025, 5, 6),
        round=round,
        issued_on=dt.date(2025, 5, 6),
    )


# --- helper:execdocs --- decision 090
def sample_execution(*, kind: str = "demolition", statement: bool = True) -> ExecutionData:
    """A forced demolition (or a fine) the bureau carries out itself, decided and noticed."""
    case = sample_case()
    demolition = kind == "demolition"
    return ExecutionData(
        bureau=case.bureau,
        case_number=case.case_number,
        cause="未经批准擅自搭建建筑物、构筑物" if demolition else case.cause,
        party=case.party,
        kind=kind,
        kind_label="强制拆除违法建筑物、构筑物、设施" if demolition else "强制执行罚款",
        basis="《中华人民共和国城乡规划法》第六十八条",
        obligation="自行拆除人民路东段违法搭建的彩钢棚。" if demolition else "缴纳罚款",
        decision_title="行政处罚决定书",
        decision_number="示城管罚决字〔2025〕3号",
        decided_on=dt.date(2025, 6, 2),
        served_on=dt.date(2025, 6, 3),
        demand_served_on=dt.date(2025, 6, 12),
        demand_method="直接送达",
        demand_perform_by=dt.date(2025, 6, 20),
        demand_way="当事人自行拆除并清运建筑垃圾。" if demolition else "到银行缴纳",
        demand_amount=None if demolition else Decimal("1150.00"),
        correction="责令当事人限期拆除人民路东段违法搭建的彩钢棚。" if demolition else "",
        correction_deadline=dt.date(2025, 6, 10) if demolition else None,
        correction_checked_on=dt.date(2025, 6, 11) if demolition else None,
        statement_on=dt.date(2025, 6, 16) if statement else None,
        statement="彩钢棚系临时堆放货物所用，请求宽限。" if statement else "",
        statement_none=not statement,
        review_opinion="理由不成立，不予采纳。" if statement else "",
        review_adopted=False if statement else None,
        executed_decided_on=dt.date(2025, 6, 23),
        decision_reason="当事人经催告逾期仍不拆除，且无正当理由。",
        method="组织人员强制拆除。",
        scheduled_text="2025年6月24日10时00分",
        notice_posted_on=dt.date(2025, 6, 23) if demolition else None,
        notice_place="人民路东段违法建筑现场及本机关公告栏",
        notice_demolish_by=dt.date(2025, 7, 3) if demolition else None,
        demand_number="示城管强催字〔2025〕1号",
        execution_decision_number="示城管强执字〔2025〕1号",
        officers=OFFICERS,
        issued_on=dt.date(2025, 6, 23),
    )


# --- /helper:execdocs ---
