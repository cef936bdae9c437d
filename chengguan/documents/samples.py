"""A complete sample case as plain data: for previews, the builders' tests and the bench."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from chengguan.documents.data import (
    Bureau,
    CaseData,
    CourtApplication,
    Decision,
    Discussion,
    Evidence,
    Notice,
    Officer,
    Party,
    Payment,
    Review,
    Service,
    StatementRow,  # helper:forms
    TransferData,
)


def sample_case() -> CaseData:
    bureau = Bureau(
        name="示范县城市管理局",
        reconsideration_body="示范县人民政府",
        court="示范县人民法院",
        payment_place="示范县农村商业银行各营业网点或非税收入电子缴款平台",
        address="示范县人民路88号",
        phone="0377-12345678",
    )
    return CaseData(
        bureau=bureau,
        case_number="示城管立〔2024〕15号",
        cause="未经批准擅自占用城市道路摆摊设点",
        party=Party(
            kind="person",
            name="张建国",
            id_number="411323199001011234",
            address="示范县城关镇建设路12号",
            phone="13800001234",
        ),
        facts="在示范县人民路与解放路交叉口东北角人行道上，未经批准擅自摆摊经营水果，占用人行道约"
        "六平方米，影响行人通行",
        act_date=dt.date(2024, 5, 6),
        discovered_date=dt.date(2024, 5, 6),
        violated_provision="《城市道路管理条例》第三十一条第一款",
        penalty_provision="《城市道路管理条例》第四十二条第（四）项",
        officers=(Officer("李明", "豫41000012345"), Officer("王强", "豫41000012346")),
        evidence=(
            Evidence("勘验笔录/现场笔录", "2024年5月6日现场检查笔录一份"),
            Evidence("视听资料", "现场照片六张及执法记录仪视频一段"),
            Evidence("当事人陈述", "2024年5月7日询问笔录一份"),
            Evidence("书证", "当事人身份证复印件一份"),
        ),
        source="执法检查",
        registered_on=dt.date(2024, 5, 7),
        registration_approver="赵局长",
        decision=Decision(
            penalty_labels=("警告", "罚款"),
            fine_amount=Decimal("500"),
            level_label="从轻",
            correction="立即停止占道经营行为，于2024年5月20日前清理占用的人行道",
            grounds=("当事人主动消除违法行为危害后果",),
            decided_on=dt.date(2024, 5, 24),
        ),
        decision_number="示城管罚决字〔2024〕8号",
        notice=Notice(
            served_on=dt.date(2024, 5, 14), statement_by=dt.date(2024, 5, 17), hearing_right=False
        ),
        review=Review(
            approved=True,
            opinion="主体合法，事实清楚，证据充分，程序合法，适用依据正确，"
            "裁量适当，同意拟处理意见。",
            reviewer="孙法制",
            reviewed_on=dt.date(2024, 5, 21),
        ),
        discussion=Discussion(
            held_on=dt.date(2024, 5, 22),
            chair="赵局长",
            participants=("赵局长", "钱副局长", "孙法制"),
            minutes="承办人汇报案情；法制股汇报审核意见；与会人员讨论认为事实清楚。",
            conclusion="同意给予警告并罚款人民币500元。",
        ),
        service=Service(
            served_on=dt.date(2024, 5, 27),
            method_label="直接送达",
            place="示范县城关镇建设路12号",
            recipient="张建国",
            server_names=("李明", "王强"),
        ),
        payments=(Payment(Decimal("500"), dt.date(2024, 6, 3), "银行缴款", "豫财罚0012345"),),
        statement="当事人于2024年5月15日提出陈述，称系初次经营，本机关经复核予以部分采纳。",
        # helper:forms: the same statement as the 陈述申辩笔录 records it
        statements=(
            StatementRow(
                received_on=dt.date(2024, 5, 15),
                content="当事人称系初次经营，请求从轻处罚",
                accepted=True,
                review_opinion="当事人系初次违法且已主动改正，所述属实，予以采纳",
                recorder="李明",
            ),
        ),
        closed_on=dt.date(2024, 6, 10),
        # --- helper:execdocs --- so every case kind has what it prints (decision 090)
        transfer=TransferData(
            kind="judicial",
            to="示范县公安局",
            reason="当事人以暴力方法阻碍执法人员依法执行职务，涉嫌妨害公务罪",
            reported_on=dt.date(2024, 5, 6),
            decided_on=dt.date(2024, 5, 8),
            approver="赵局长",
            handed_over_on=dt.date(2024, 5, 9),
            receipt="示公受字〔2024〕8号",
        ),
        file_list=("《立案审批表》（示城管立审字〔2024〕15号）", "视听资料：执法记录仪视频一段"),
        court_application=CourtApplication(
            court="示范县人民法院",
            fine_due=Decimal("500"),
            surcharge_due=Decimal("450"),
            applied_on=dt.date(2024, 9, 20),
            demand_served_on=dt.date(2024, 9, 2),
            demand_perform_by=dt.date(2024, 9, 13),
        ),
        # --- /helper:execdocs ---
        issued_on=dt.date(2024, 5, 24),
    )
