"""案卷评查 (LEGAL-RULES.md §9): the automatic pre-review of a penalty file, and the scoring.

Pure functions over a penalty case and its related records. The pre-review suggests; the supervisor
decides the veto items and deductions when finalising the review.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from chengguan.core.clock import local as local_time
from chengguan.core.rules import local
from chengguan.documents.kinds import Kind
from chengguan.ledger.queries import timeline
from chengguan.org.checks import enforcing_officers

# The veto items of §9: any one fails the file.
VETOES: dict[str, str] = {
    "unlawful_body": "执法主体不合法",
    "unqualified_officers": "执法人员不具备执法资格",
    "fewer_than_two": "执法人员少于两人",
    "unclear_facts": "事实不清",
    "insufficient_evidence": "证据不足",
    "wrong_characterisation": "定性错误",
    "wrong_law": "适用法律错误",
    "unlawful_procedure": "程序违法",
    "should_transfer": "应当移送而未移送",
}


@dataclass(frozen=True)
class Item:
    code: str
    part: str  # form | content
    message: str
    points: Decimal
    veto: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "part": self.part,
            "message": self.message,
            "points": str(self.points),
            "veto": self.veto,
        }


def _late(done: dt.date | None, due: dt.date | None) -> bool:
    return done is not None and due is not None and done > due


def _ledger_actions(case: Any) -> set[str]:
    return {a.rsplit(".", 1)[-1] for a in timeline(case).values_list("action", flat=True)}


@dataclass(frozen=True)
class _Needed:
    """One 文书 the file must hold because its step happened, and the dates its first copy (the one
    printed for that step) must fall between; ``None`` leaves that side open."""

    kind: str
    step: str  # the step that calls for it, e.g. "已送达事先告知"
    earliest: dt.date | None = None
    earliest_label: str = ""
    latest: dt.date | None = None
    latest_label: str = ""


def _first(dates: list[dt.date]) -> dt.date | None:
    return min(dates) if dates else None


def _needed_documents(case: Any) -> list[_Needed]:
    """LEGAL-RULES §9 in order, for a general-procedure file: each 文书 once its step is done."""
    decided, served = case.decided_on, case.served_on
    notices = list(case.notices.all())
    reviews = [r.reviewed_on for r in case.reviews.all()]
    discussions = [d.held_on for d in case.discussions.all()]
    demands = [d.served_on for d in case.demands.all()]
    needed: list[_Needed] = []
    if case.registered_on is not None:
        needed.append(
            _Needed(Kind.REGISTRATION, "已立案", latest=case.registered_on, latest_label="立案批准")
        )
    if notices:
        first_notice = _first([n.served_on for n in notices])
        latest = min(d for d in (first_notice, decided) if d is not None)
        needed.append(
            _Needed(Kind.NOTICE, "已事先告知", latest=latest, latest_label="告知书送达及处罚决定")
        )
        heard = _first([n.served_on for n in notices if n.hearing_right])
        if heard is not None:
            needed.append(
                _Needed(
                    Kind.HEARING_NOTICE, "已告知听证权利", latest=heard, latest_label="告知送达"
                )
            )
    if reviews:
        needed.append(
            _Needed(
                Kind.REVIEW_OPINION,
                "已进行法制审核",
                _first(reviews),
                "法制审核",
                decided,
                "处罚决定",
            )
        )
    if discussions:
        needed.append(
            _Needed(
                Kind.DISCUSSION_RECORD,
                "已集体讨论",
                _first(discussions),
                "集体讨论",
                decided,
                "处罚决定",
            )
        )
    if decided is not None:
        kind = {
            "penalty": Kind.DECISION,
            "no_penalty_minor": Kind.NO_PENALTY_DECISION,
            "no_penalty_unfounded": Kind.NO_PENALTY_DECISION,
        }.get(case.decision_kind or "")
        if kind is not None:
            needed.append(_Needed(kind, "已作出决定", decided, "决定", served, "送达"))
    if served is not None:
        needed.append(
            _Needed(Kind.SERVICE_RECEIPT, "已送达决定书", decided, "决定", served, "送达")
        )
    if demands:
        needed.append(
            _Needed(Kind.DEMAND, "已催告", latest=_first(demands), latest_label="催告书送达")
        )
    if case.closed_on is not None:
        needed.append(
            _Needed(
                Kind.CLOSING_APPROVAL,
                "已结案",
                served or decided,
                "送达" if served else "决定",
                case.closed_on,
                "结案",
            )
        )
    return needed


def document_items(case: Any) -> list[Item]:
    """Were the 文书 of a general-procedure file generated, kept (decision 031), and in order?

    The first copy of a kind is the one printed for its step; later copies are reprints (e.g. for
    the archive) and do not make an out-of-order file right.
    """
    copies: dict[str, list[Any]] = {}
    for doc in sorted(case.documents.all(), key=lambda d: (d.created_at, d.pk)):
        copies.setdefault(doc.kind, []).append(doc)
    found: list[Item] = []
    for need in _needed_documents(case):
        label = Kind(need.kind).label
        docs = copies.get(need.kind, [])
        if not docs:
            found.append(
                Item(
                    f"file.{need.kind}",
                    "form",
                    f"案卷缺少{label}：本案{need.step}，但系统中没有生成该文书（XF-47）",
                    Decimal(1),
                )
            )
            continue
        if not any(d.blob_id for d in docs):
            found.append(
                Item(
                    f"kept.{need.kind}",
                    "form",
                    f"{label}只记录了哈希而没有留存文件，无法核对当时打印、送达的文本",
                    Decimal(1),
                )
            )
        made = local_time(docs[0].created_at).date()
        if need.earliest is not None and made < need.earliest:
            found.append(
                Item(
                    f"order.{need.kind}",
                    "form",
                    f"{label}首次生成于{made:%Y-%m-%d}，早于{need.earliest_label}"
                    f"（{need.earliest:%Y-%m-%d}），文书顺序与办案步骤不符",
                    Decimal(1),
                )
            )
        elif need.latest is not None and made > need.latest:
            found.append(
                Item(
                    f"order.{need.kind}",
                    "form",
                    f"{label}首次生成于{made:%Y-%m-%d}，晚于{need.latest_label}"
                    f"（{need.latest:%Y-%m-%d}），疑为事后补制",
                    Decimal(1),
                )
            )
    return found


def prereview(case: Any) -> list[Item]:
    """What an automatic read of the file finds: missing records and 文书 (generated, kept, in
    order), late steps, missing ledger entries (XF-47), and facts that point to a veto item."""
    found: list[Item] = []
    general = case.procedure == "general"
    on = case.decided_on or case.registered_on or case.discovered_date
    for v in enforcing_officers(list(case.officers.all()), on):
        veto = (
            "fewer_than_two"
            if v.rule == "XF-42" and "两名" in v.message
            else "unqualified_officers"
        )
        found.append(Item(f"officers.{v.rule}", "content", v.message, Decimal(0), veto))

    reviews = list(case.reviews.all())
    notices = list(case.notices.all())
    statements = list(case.statements.all())
    evidence = list(case.evidence.all())
    if general:
        if case.registered_on is None:
            found.append(
                Item(
                    "doc.registration",
                    "form",
                    "缺少立案审批表（未立案）",
                    Decimal(2),
                    "unlawful_procedure",
                )
            )
        if not evidence:
            found.append(
                Item(
                    "doc.evidence",
                    "content",
                    "案卷中没有任何证据",
                    Decimal(10),
                    "insufficient_evidence",
                )
            )
        elif not any(e.kind == "inspection_record" for e in evidence):
            found.append(
                Item("doc.inspection_record", "form", "缺少现场检查（勘验）笔录", Decimal(2))
            )
        if case.decision_kind == "penalty":
            if not notices:
                found.append(
                    Item(
                        "doc.notice",
                        "content",
                        "缺少行政处罚事先告知书（XF-44）",
                        Decimal(10),
                        "unlawful_procedure",
                    )
                )
            elif not statements:
                found.append(
                    Item("doc.statement", "form", "缺少陈述申辩笔录或书面放弃材料", Decimal(2))
                )
            approved = [r for r in reviews if r.approved]
            if not approved:
                found.append(Item("doc.review", "form", "缺少法制审核意见书（XF-58）", Decimal(3)))
            elif case.decided_on and min(r.reviewed_on for r in approved) > case.decided_on:
                found.append(
                    Item(
                        "late.review",
                        "content",
                        "法制审核晚于处罚决定（XF-58）",
                        Decimal(10),
                        "unlawful_procedure",
                    )
                )
        if case.decided_on is not None and not case.decision_number:
            found.append(Item("doc.decision", "form", "处罚决定书没有文号", Decimal(2)))
        if case.decided_on is not None and case.served_on is None:
            found.append(Item("doc.service", "form", "缺少送达回证", Decimal(2)))
        if _late(case.registered_on, case.register_by):
            found.append(Item("late.registration", "form", "立案超过规定期限（XF-54）", Decimal(1)))
        if _late(case.decided_on, case.extension_until or case.decide_by):
            found.append(
                Item("late.decision", "content", "超过办案期限作出决定（XF-60）", Decimal(5))
            )
    else:
        if _late(case.filed_on, case.filing_due) or (case.decided_on and case.filed_on is None):
            found.append(
                Item("late.onsite_filing", "form", "当场处罚决定未按期备案（XF-52）", Decimal(1))
            )
    if general:
        found.extend(document_items(case))
    # The day the officers served (the case's served_on is the day it took effect, SD-1/SD-2).
    service = case.services.order_by("-id").first()
    served_act = service.served_on if service is not None else case.served_on
    if _late(served_act, case.serve_by):
        found.append(Item("late.service", "form", "决定书未在7个工作日内送达（XF-61）", Decimal(1)))
    found.extend(execution_items(case))

    logged = _ledger_actions(case)
    steps = [
        ("registered_on", "register", "立案"),
        ("decided_on", "decide", "决定"),
        ("served_on", "serve", "送达"),
        ("closed_on", "close", "结案"),
    ]
    for field, verb, label in steps:
        simple_create = verb == "decide" and not general and "open" in logged
        if (
            (general or field != "registered_on")
            and getattr(case, field) is not None
            and verb not in logged
            and not simple_create
        ):
            found.append(
                Item(f"ledger.{verb}", "form", f"“{label}”环节没有全过程记录（XF-47）", Decimal(1))
            )
    return found


# --- helper:execution --- LEGAL-RULES §10.1, §10.4, §10.5 in the pre-review: files recorded before
# these rules were enforced (or imported) may still break them.
def execution_items(case: Any) -> list[Item]:
    """Recorded dates out of order (TM-1), payments without proof (XF-70), remedies without their
    acceptance notice (XF-73), service records without what their method needs (SD-1/SD-2)."""
    found: list[Item] = []
    notice = case.notices.order_by("id").first()
    services = list(case.services.all())
    first_service = min((s.served_on for s in services), default=case.served_on)
    for st in case.statements.all():
        if notice is not None and st.received_on < notice.served_on:
            found.append(
                Item(
                    f"date.statement.{st.pk}",
                    "form",
                    f"陈述申辩收到日期{st.received_on:%Y-%m-%d}早于告知日期（TM-1）",
                    Decimal(1),
                )
            )
    for p in case.payments.all():
        if first_service is not None and p.paid_on < first_service:
            found.append(
                Item(
                    f"date.payment.{p.pk}",
                    "form",
                    f"缴款日期{p.paid_on:%Y-%m-%d}早于决定书送达日期（TM-1）",
                    Decimal(1),
                )
            )
        proof = p.receipt_no if p.channel == "on_spot" else p.voucher_no
        if not (proof or "").strip():
            found.append(
                Item(
                    f"payment.proof.{p.pk}",
                    "form",
                    "缴款没有"
                    + ("财政票据号" if p.channel == "on_spot" else "银行或电子缴款凭证号")
                    + "（XF-70）",
                    Decimal(1),
                )
            )
    for r in case.remedies.all():
        if not (r.proof_number or "").strip() or r.proof_date is None:
            found.append(
                Item(
                    f"remedy.proof.{r.pk}",
                    "form",
                    f"{r.get_kind_display()}没有受理通知书文号和日期，不能停止计算加处罚款（XF-73）",
                    Decimal(1),
                )
            )
    for s in services:
        need = ""
        if s.method == "left" and not s.witnesses and s.photo_blob_id is None:
            need = "留置送达没有见证人或照片、录像记录（SD-1）"
        elif s.method == "post" and s.receipt_signed_on is None:
            need = "邮寄送达没有回执签收日期（SD-1）"
        elif s.method == "public" and case.procedure == "simple":
            need = "简易程序不适用公告送达（SD-2）"
        elif s.method == "public" and not s.attempts:
            need = "公告送达前没有其他方式送达未果的记录（SD-2）"
        if need:
            # A 公告送达 that the law did not allow leaves the decision unserved: a veto suggestion.
            veto = "unlawful_procedure" if s.method == "public" else ""
            found.append(Item(f"service.{s.method}.{s.pk}", "form", need, Decimal(1), veto))
    return found


# --- /helper:execution ---


@dataclass(frozen=True)
class Score:
    form: Decimal
    content: Decimal
    total: Decimal
    grade: str


def score(vetoes: list[str], deductions: list[dict[str, Any]]) -> Score:
    """Form and content points less the deductions (never below zero); any veto fails the file."""
    form_max = Decimal(str(local("file_review_form_points")))
    content_max = Decimal(str(local("file_review_content_points")))
    form_off = sum(
        (Decimal(str(d["points"])) for d in deductions if d["part"] == "form"), Decimal(0)
    )
    content_off = sum(
        (Decimal(str(d["points"])) for d in deductions if d["part"] == "content"), Decimal(0)
    )
    form = max(Decimal(0), form_max - form_off)
    content = max(Decimal(0), content_max - content_off)
    total = form + content
    grades = local("file_review_grades")
    if vetoes:
        grade = "fail"
    elif total >= Decimal(str(grades["excellent"])):
        grade = "excellent"
    elif total >= Decimal(str(grades["good"])):
        grade = "good"
    elif total >= Decimal(str(grades["pass"])):
        grade = "pass"
    else:
        grade = "fail"
    return Score(form, content, total, grade)
