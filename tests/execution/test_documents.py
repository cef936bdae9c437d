"""The 文书 of the bureau's own compulsory execution over the API (decision 090): 催告书, 行政强制
执行决定书, 强制拆除公告 — .docx and PDF, one stable 文号 per kind, the file kept with its hash and a
ledger entry on the case; printed only once their step happened; the case's audience only."""

from __future__ import annotations

import hashlib
import json

from chengguan.documents.models import Document, DocumentNumber
from chengguan.ledger.models import Entry
from chengguan.penalties import actions, money
from tests.documents.helpers import docx_text
from tests.documents.pdftext import pdf_text, squeeze
from tests.documents.test_wording import ALLOWED_LATIN, ENGLISH, doubled
from tests.execution.test_api import _decided, _demanded
from tests.penalties import helpers as ph
from tests.penalties.helpers import D, at


def _text(r) -> str:
    if r.content.startswith(b"%PDF-"):
        return squeeze(pdf_text(r.content))
    return squeeze(docx_text(r.content))


def _counts(case) -> tuple[int, int, int]:
    return (
        Document.objects.count(),
        DocumentNumber.objects.count(),
        Entry.objects.count(),
    )


def test_the_demand_is_printed_numbered_and_kept_in_both_formats(api, demo, powers):
    case, _order, eid = _demanded(api, demo)
    base = f"executions/{eid}/documents"
    with at(D(2025, 6, 13)):
        docx = api("officer1").post(f"{base}/execution_demand.docx")
        pdf = api("head").post(f"{base}/execution_demand.pdf")
    assert docx.status_code == 201 and pdf.status_code == 201, docx.content
    assert pdf.content.startswith(b"%PDF-")
    [number] = set(DocumentNumber.objects.filter(execution_id=eid).values_list("number", flat=True))
    assert "强催字〔2025〕" in number
    case.refresh_from_db()
    for r in (docx, pdf):
        text = _text(r)
        for want in (
            "催告书",
            number,
            case.decision_number,
            "2025年6月20日前履行上述义务",
            "履行方式：当事人自行拆除并清运建筑垃圾",
            "有权进行陈述和申辩",
            "《中华人民共和国城乡规划法》第六十八条",
        ):
            assert squeeze(want) in text, want
    kept = list(Document.objects.filter(execution_id=eid).order_by("id"))
    assert [(d.kind, d.format) for d in kept] == [
        ("execution_demand", "docx"),
        ("execution_demand", "pdf"),
    ]
    assert kept[1].sha256 == hashlib.sha256(pdf.content).hexdigest()
    assert all(d.case_id is None and d.blob_id for d in kept)
    entry = Entry.objects.filter(action="document.generate").latest("id")
    assert entry.subject_id == str(case.pk)  # the case's ledger tells the execution's story
    payload = json.loads(entry.payload)
    assert payload["execution"] == eid and payload["sha256"] == kept[1].sha256
    # Not before their step: no decision, no notice yet — and a refusal writes nothing.
    with at(D(2025, 6, 13)):
        before = _counts(case)
        r = api("head").post(f"{base}/execution_decision.pdf")
        assert r.status_code == 409 and "尚未作出行政强制执行决定" in r.json()["error"]["message"]
        assert api("officer1").post(f"{base}/demolition_notice.pdf").status_code == 409
        assert _counts(case) == before
    # The kept copy reads back byte for byte; printing again keeps the number.
    with at(D(2025, 6, 13)):
        again = api("reviewer").get(f"{base}/execution_demand.pdf")
        assert again.status_code == 200 and again.content == pdf.content
        api("officer1").post(f"{base}/execution_demand.pdf")
    assert set(
        DocumentNumber.objects.filter(execution_id=eid).values_list("number", flat=True)
    ) == {number}


def test_the_decision_and_notice_print_only_once_their_step_happened(api, demo, powers):
    _case, _order, eid = _decided(api, demo)
    base = f"executions/{eid}/documents"
    with at(D(2025, 6, 24)):
        assert api("officer1").post(f"{base}/execution_demand.docx").status_code == 201
        made = api("head").post(f"{base}/execution_decision.docx")
        assert made.status_code == 201, made.content
        text = _text(made)
        for want in (
            "行政强制执行决定书",
            "强制执行的理由：当事人经催告逾期仍不拆除，且无正当理由",
            "强制执行的方式：组织人员强制拆除",
            "强制执行的时间：2025年6月24日10时00分",
            "彩钢棚系临时堆放货物所用，请求宽限",
            "理由不成立，不予采纳",
            "申请行政复议",
            "提起行政诉讼",
            "强催字〔2025〕",  # the 催告书 it follows, by its 文号
        ):
            assert squeeze(want) in text, want
        assert api("officer1").post(f"{base}/demolition_notice.pdf").status_code == 409
        r = api("officer1").post(
            f"executions/{eid}/notice",
            {"posted_on": "2025-06-24", "place": "违法建筑现场", "demolish_by": "2025-07-04"},
        )
        assert r.status_code == 200, r.content
        notice = api("officer1").post(f"{base}/demolition_notice.pdf")
        assert notice.status_code == 201, notice.content
        text = _text(notice)
        decision_no = DocumentNumber.objects.get(execution_id=eid, kind="execution_decision")
        for want in ("强制拆除公告", "2025年7月4日前", "违法建筑现场", decision_no.number):
            assert squeeze(want) in text, want
    listing = api("officer1").get(f"executions/{eid}/documents").json()
    assert {k["kind"] for k in listing["available"]} == {
        "execution_demand",
        "execution_decision",
        "demolition_notice",
    }


def test_execution_documents_follow_the_case_scope(api, demo, powers):
    case, _order, eid = _demanded(api, demo)
    base = f"executions/{eid}/documents"
    with at(D(2025, 6, 13)):
        assert api("officer1").post(f"{base}/execution_demand.pdf").status_code == 201
        doc = Document.objects.filter(execution_id=eid).latest("id")
        before = _counts(case)
        for who, status in (
            ("outsider", 404),  # another bureau
            ("town_officer1", 404),  # another team (ORG-5)
            ("handler_sanitation", 403),  # a role that does not read executions
        ):
            assert api(who).get(base).status_code == status, who
            assert api(who).post(f"{base}/execution_demand.docx").status_code == status, who
            assert api(who).get(f"{base}/{doc.pk}/file").status_code == status, who
        # The supervisor reads the execution and its kept 文书 but prints none.
        assert api("supervisor").post(f"{base}/execution_demand.docx").status_code == 403
        assert _counts(case) == before
        assert api("supervisor").get(f"{base}/{doc.pk}/file").status_code == 200
        assert api("officer1").post(f"{base}/seizure_list.pdf").status_code == 404


# 申请人民法院强制执行: where the bureau has no power of its own (QZ-13), the default path.
def test_the_court_application_follows_a_demand_left_unperformed(api, demo):
    case = ph.served(demo)  # fine 5,000, served 2025-06-03, to pay by 2025-06-18
    with ph.at(ph.D(2025, 7, 1)):
        assert (
            api("officer1")
            .get(f"penalty-cases/{case.pk}/documents/court_application.pdf")
            .status_code
            == 409
        )
        actions.demand(
            case.pk, actor=demo.user("officer1"), served_on=ph.D(2025, 7, 1), method="direct"
        )
    with ph.at(ph.D(2025, 7, 15)):
        early = api("officer1").get(f"penalty-cases/{case.pk}/documents/court_application.pdf")
    assert early.status_code == 409 and "履行期限尚未届满" in early.json()["error"]["message"]
    assert not Document.objects.filter(case=case, kind="court_application").exists()
    with ph.at(ph.D(2025, 7, 16)):
        r = api("officer1").get(f"penalty-cases/{case.pk}/documents/court_application.docx")
    assert r.status_code == 200, r.content
    text = docx_text(r.content)
    assert doubled(text) == [] and ENGLISH.findall(ALLOWED_LATIN.sub("", text)) == [], text
    number = DocumentNumber.objects.get(case=case, kind="court_application").number
    fine, _, surcharge = money.outstanding(case, D(2025, 7, 16))
    fine, surcharge = fine.normalize(), surcharge.normalize()
    assert surcharge > 0
    for want in (
        "强制执行申请书",
        number,
        "申请人：示范县城市管理局",
        "被申请人：",
        "罚款人民币5000元",
        f"加处罚款人民币{surcharge:f}元",  # XF-72, to the day of printing
        f"合计人民币{fine + surcharge:f}元",
        "2025年7月1日依法向被申请人送达《催告书》",
        "第五十三条、第五十四条、第五十五条",
        "特申请示范县人民法院依法强制执行",
    ):
        assert squeeze(want) in squeeze(text), want
    assert "强申字〔2025〕" in number
