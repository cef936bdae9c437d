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
    # --- helper:execution --- the LEGAL-RULES id the finding is about (§10 findings carry it).
    rule: str = ""
    # --- /helper:execution ---

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "part": self.part,
            "message": self.message,
            "points": str(self.points),
            "veto": self.veto,
            "rule": self.rule,  # helper:execution
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
                Item(
                    "late.decision",
                    "content",
                    "超过办案期限作出决定（XF-60）",
                    Decimal(5),
                    rule="XF-60",
                )
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
    found.extend(section10_items(case))  # helper:execution

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
                    rule="TM-1",
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
                    rule="TM-1",
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
                    rule="XF-70",
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
                    rule="XF-73",
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
            sd = "SD-2" if s.method == "public" else "SD-1"
            found.append(
                Item(f"service.{s.method}.{s.pk}", "form", need, Decimal(1), veto, rule=sd)
            )
    return found


# --- /helper:execution ---


# --- helper:execution --- issue #11 item 4: every §10 rule a closed file can break, read from the
# records (a careless import or an old record may hold what the actions now refuse).
_MOVED_AWAY = ("revoked", "changed", "confirmed_unlawful", "lost")
_NIGHT = (dt.time(22, 0), dt.time(6, 0))  # QZ-43, as execution.checks reads 夜间
_UTILITY_WORDS = ("停水", "停电", "停止供水", "停止供电", "停热", "停气", "停止供热", "停止供燃气")


def _finding(rule: str, key: str, message: str, points: int = 1, veto: str = "") -> Item:
    part = "content" if veto else "form"
    return Item(f"rule.{rule}.{key}", part, f"{message}（{rule}）", Decimal(points), veto, rule)


def _decision_items(case: Any) -> list[Item]:
    """§10.3: what the decision imposes and on whom (XF-9, XF-28.2, XF-29.2, XF-30/31, XF-37,
    PA-1) and the benchmark departure (CL-6)."""
    found: list[Item] = []
    if case.decision_kind != "penalty":
        return found
    types = list(case.penalty_types or [])
    if not types or ("fine" in types and not (case.fine_amount or 0) > 0):
        found.append(_finding("XF-9", "types", "处罚决定未载明处罚种类或罚款金额", 10, "wrong_law"))
    if (
        (case.illegal_income or 0) > 0
        and "confiscate_income" not in types
        and not (case.refund_record or "").strip()
    ):
        found.append(_finding("XF-28.2", "income", "认定了违法所得但未没收，也无退赔记录", 5))
    party = case.party
    if party.kind == "organisation" and not party.credit_code:
        found.append(_finding("PA-1", "uscc", "单位当事人没有统一社会信用代码", 2))
    if party.kind == "person":
        if not party.id_number and not party.document_number:
            found.append(_finding("PA-1", "id", "自然人当事人没有身份证件号码", 2))
        if party.birth_date is None:
            found.append(
                _finding("XF-30", "birth", "作出处罚决定时当事人出生日期不明，未能核对年龄", 2)
            )
    grounds = list(case.grounds or [])
    if "mental_incapable" in grounds:
        found.append(
            _finding(
                "XF-31",
                "capacity",
                "当事人不能辨认或控制自己行为时违法，不应给予处罚",
                10,
                "wrong_law",
            )
        )
    bench = case.benchmark
    if (
        bench is not None
        and bench.effective_from is not None
        and bench.effective_from > case.act_date
    ):
        found.append(
            _finding(
                "XF-37",
                "benchmark",
                f"适用的裁量基准{bench.effective_from:%Y-%m-%d}施行，晚于违法行为发生日期，"
                "须说明其对当事人更轻（从旧兼从轻）",
                2,
            )
        )
    if (case.deviation_reason or "").strip():
        heads = int(local("deviation_discussion_heads"))
        approved = [
            d
            for d in case.discussions.all()
            if d.approves_deviation is True
            and len(d.participants or []) >= heads
            and (case.decided_on is None or d.held_on <= case.decided_on)
        ]
        if not approved:
            found.append(
                _finding(
                    "CL-6",
                    "deviation",
                    "偏离裁量基准没有针对本案拟处罚意见的集体讨论批准记录",
                    5,
                    "unlawful_procedure",
                )
            )
    similar = _similar_fines(case)
    confirmed = set(case.separate_acts.values_list("other_id", flat=True))
    for other in similar:
        if other.pk not in confirmed:
            found.append(
                _finding(
                    "XF-29.2",
                    f"similar.{other.pk}",
                    f"当事人在相近期间内已因相近事实被罚款（{other.number}），"
                    "没有法制审核人员确认属于另一违法行为的记录",
                    5,
                )
            )
    return found


def _similar_fines(case: Any) -> list[Any]:
    window = dt.timedelta(days=int(local("separate_act_window_days")))
    if "fine" not in (case.penalty_types or []):
        return []
    rows = (
        type(case)
        .objects.filter(
            bureau_id=case.bureau_id,
            power_item_id=case.power_item_id,
            party_id=case.party_id,
            decision_kind="penalty",
            decision_revoked_on__isnull=True,
            act_date__gte=case.act_date - window,
            act_date__lte=case.act_date + window,
            decided_on__lt=case.decided_on,
        )
        .exclude(pk=case.pk)
        .exclude(act_date=case.act_date)
    )
    return [c for c in rows if "fine" in (c.penalty_types or [])]


def _hearing_items(case: Any) -> list[Item]:
    """§10.2: the waiting (XF-63), the written waiver (XF-62), the hearing (XF-64/65) and the
    review as the case stood (XF-58)."""
    found: list[Item] = []
    notices = list(case.notices.all())
    statements = list(case.statements.all())
    hearings = list(case.hearings.all())
    decided = case.decided_on
    for st in statements:
        if st.waiver and not st.waiver_blob_id and len(st.witnessed_by or []) < 2:
            found.append(
                _finding(
                    "XF-62", f"waiver.{st.pk}", "放弃陈述申辩、听证没有书面记录或两名执法人员签名"
                )
            )
    waived = any(
        st.waiver and (st.waiver_blob_id or len(st.witnessed_by or []) >= 2) for st in statements
    )
    for n in notices:
        if (
            decided is not None
            and n.hearing_right
            and n.hearing_request_by is not None
            and decided <= n.hearing_request_by
            and not waived
            and not hearings
        ):
            found.append(
                _finding(
                    "XF-63",
                    f"window.{n.pk}",
                    f"听证申请期限（{n.hearing_request_by:%Y-%m-%d}）届满前作出了处罚决定",
                    10,
                    "unlawful_procedure",
                )
            )
    investigators = {o.pk for o in case.officers.all()}
    for h in hearings:
        if (
            h.held_on is not None
            and h.notified_on is not None
            and (h.held_on - h.notified_on).days < 8
        ):
            found.append(_finding("XF-64", f"notice.{h.pk}", "听证通知送达距举行听证不足七日", 3))
        if h.chair_id is not None and h.chair_id in investigators:
            found.append(
                _finding(
                    "XF-64", f"chair.{h.pk}", "听证主持人是本案调查人员", 10, "unlawful_procedure"
                )
            )
        if (
            h.held_on is not None
            and not h.transcript_signed
            and not (h.unsigned_note or "").strip()
        ):
            found.append(_finding("XF-64", f"signed.{h.pk}", "听证笔录没有当事人核对签字"))
    approved = [r for r in case.reviews.all() if r.approved]
    if decided is not None and approved and case.procedure == "general":
        latest = (
            max(r.reviewed_on for r in approved if r.reviewed_on <= decided)
            if any(r.reviewed_on <= decided for r in approved)
            else None
        )
        held = [h.held_on for h in hearings if h.held_on is not None]
        if latest is not None and held and latest < max(held):
            found.append(
                _finding("XF-65", "review", "法制审核早于听证，决定未经对听证后案件的审核", 5)
            )
        steps = [n.served_on for n in notices] + [s.received_on for s in statements]
        if (
            latest is not None
            and steps
            and latest < max(steps)
            and not (held and latest < max(held))
        ):
            found.append(
                _finding(
                    "XF-58", "stale", "法制审核早于最近一次告知或陈述申辩，已不是对现状的审核", 5
                )
            )
    return found


def _execution_items(case: Any) -> list[Item]:
    """§10.1/§10.5/§10.8/§10.9: back-dated entries (TM-2), deferral and court (XF-72.2),
    disposal (XF-74), on-the-spot collection (XF-69), transfer (XF-22/XF-27), correction (ZL-1)."""
    found: list[Item] = []
    for p in case.payments.all():
        if (p.backdate_reason or "").strip() and p.backdate_approved_by_id is None:
            found.append(_finding("TM-2", f"payment.{p.pk}", "补记的缴款日期没有负责人批准"))
        if p.channel == "on_spot" and case.procedure == "general":
            unit = case.unit.code if case.unit is not None else ""
            if unit not in list(local("on_spot_remote_units")):
                found.append(
                    _finding(
                        "XF-69",
                        f"payment.{p.pk}",
                        "一般程序当场收缴罚款，但办案单位不在边远、水上、交通不便地区名单中",
                        2,
                    )
                )
    plan = case.arrangements.filter(status="approved").first()
    if plan is not None:
        end = max((i.due_on for i in plan.instalments.all()), default=None)
        for app in case.enforcements.all():
            if end is not None and app.applied_on <= end:
                found.append(
                    _finding(
                        "XF-72.2",
                        f"enforcement.{app.pk}",
                        f"暂缓（分期）缴纳期限（至{end:%Y-%m-%d}）届满前申请了强制执行",
                        2,
                    )
                )
    if (
        "confiscate_property" in (case.penalty_types or [])
        and case.closed_on is not None
        and not case.disposals.exists()
    ):
        found.append(_finding("XF-74", "disposal", "没收的物品没有拍卖或依法处置的记录", 2))
    for d in case.disposals.all():
        if d.method == "destroy" and len(d.witnesses or []) < 1:
            found.append(_finding("XF-74", f"witness.{d.pk}", "销毁罚没物品没有见证人记录"))
    transfers = list(case.transfers.all())
    if case.status == "transferred" and not transfers:
        found.append(
            _finding(
                "XF-22", "record", "案件为已移送，但没有移送决定和接收回执", 5, "should_transfer"
            )
        )
    for t in transfers:
        if not (t.receipt or "").strip():
            found.append(_finding("XF-22", f"receipt.{t.pk}", "移送没有接收机关的回执"))
        if t.kind == "judicial":
            if (t.decided_on - t.reported_on).days > 3 or t.approved_by_id is None:
                found.append(
                    _finding(
                        "XF-27",
                        f"decision.{t.pk}",
                        "涉嫌犯罪案件未在三日内经负责人批准作出移送决定",
                        3,
                    )
                )
            if (t.handed_over_on - t.decided_on).days > 1:
                found.append(
                    _finding("XF-27", f"handover.{t.pk}", "移送决定后未在二十四小时内移交案卷", 2)
                )
    if transfers and case.decided_on is not None and case.decision_kind == "penalty":
        found.append(
            _finding("XF-27", "decided", "已移送的案件又作出了处罚决定", 10, "unlawful_procedure")
        )
    for order in case.corrections.all():
        if order.deadline <= order.issued_on:
            found.append(_finding("ZL-1", f"deadline.{order.pk}", "责令改正没有具体的改正期限"))
        elif case.closed_on is not None and order.checked_on is None:
            found.append(_finding("ZL-1", f"recheck.{order.pk}", "责令改正期限届满后没有复查记录"))
        elif (
            order.checked_on is not None
            and order.performed is False
            and order.checked_on <= order.deadline
        ):
            found.append(_finding("ZL-1", f"early.{order.pk}", "改正期限届满前即认定未改正"))
    return found


def _measure_items(case: Any) -> list[Item]:
    """§10.6/§10.7: 查封扣押 (QZ-18/19/24/25/26/28) and the bureau's own execution
    (QZ-35/36/37/43/44) as recorded on the file."""
    found: list[Item] = []
    for s in case.seizures.all():
        key = f"seizure.{s.pk}"
        if s.approved_by_id is None and not s.emergency:
            found.append(_finding("QZ-18", key, "查封扣押没有负责人批准", 5, "unlawful_procedure"))
        if len(s.certificates or []) < 2:
            found.append(_finding("QZ-18", f"{key}.cert", "查封扣押未记录两名执法人员出示证件", 3))
        if (not s.party_present or not s.party_signed) and not s.witnesses:
            found.append(_finding("QZ-18", f"{key}.witness", "当事人不在场或拒签，没有见证人签名"))
        if s.emergency and (
            s.approved_at is None or (s.report_by is not None and s.approved_at > s.report_by)
        ):
            found.append(_finding("QZ-19", key, "当场实施的查封扣押未在二十四小时内补办批准", 5))
        if not s.items:
            found.append(_finding("QZ-24", key, "查封扣押没有物品清单", 2))
        if (s.extension_days or 0) > 30:
            found.append(_finding("QZ-25", key, "查封扣押延长超过三十日", 3))
        if s.decide_by is not None and s.decide_by > s.held_on + dt.timedelta(
            days=30 + (s.extension_days or 0)
        ):
            found.append(_finding("QZ-25", f"{key}.term", "查封扣押期限超过法定期限", 3))
        if not (s.place or "").strip():
            found.append(_finding("QZ-26", key, "查封扣押财物没有保管地点记录"))
        if s.status in ("pending", "held") and case.closed_on is not None:
            found.append(_finding("QZ-28", key, "案件已结案，查封扣押仍未解除或处理", 3))
        if (
            s.released_on is not None
            and s.released_on > s.decide_by
            and s.release_reason != "expired"
        ):
            found.append(_finding("QZ-28", f"{key}.late", "查封扣押期限届满后才解除"))
    for e in case.executions.all():
        key = f"execution.{e.pk}"
        if (
            not e.rights_told
            or not (e.demand_way or "").strip()
            or e.demand_perform_by <= e.demand_served_on
        ):
            found.append(
                _finding(
                    "QZ-35", key, "催告书未载明履行期限、方式或陈述申辩权", 3, "unlawful_procedure"
                )
            )
        if e.decided_on is not None:
            if not e.statement and not e.statement_none:
                found.append(_finding("QZ-36", key, "作出强制执行决定前未听取当事人陈述申辩", 5))
            elif e.statement and not e.review_opinion:
                found.append(_finding("QZ-36", f"{key}.review", "当事人的陈述申辩没有复核意见", 3))
            if e.decided_on <= e.demand_perform_by or not (e.decision_reason or "").strip():
                found.append(
                    _finding(
                        "QZ-37",
                        key,
                        "催告期限届满前或未写明理由即作出强制执行决定",
                        5,
                        "unlawful_procedure",
                    )
                )
        if e.executed_at is not None:
            at = local_time(e.executed_at).time()
            night = at >= _NIGHT[0] or at < _NIGHT[1]
            if night and not (e.emergency and (e.emergency_reason or "").strip()):
                found.append(_finding("QZ-43", key, "在夜间实施行政强制执行，且无紧急情况记录", 5))
            if any(w in (e.result or "") + (e.method or "") for w in _UTILITY_WORDS):
                found.append(
                    _finding(
                        "QZ-43",
                        f"{key}.utilities",
                        "以停止供水、供电、供热、供燃气方式迫使当事人履行",
                        10,
                        "unlawful_procedure",
                    )
                )
            if e.kind == "demolition":
                done = local_time(e.executed_at).date()
                if e.notice_posted_on is None or (
                    e.notice_demolish_by and done <= e.notice_demolish_by
                ):
                    found.append(
                        _finding(
                            "QZ-44",
                            key,
                            "强制拆除前没有公告或公告期限未届满",
                            10,
                            "unlawful_procedure",
                        )
                    )
                if any(
                    r.concluded_on is None or r.outcome in _MOVED_AWAY for r in case.remedies.all()
                ):
                    found.append(
                        _finding(
                            "QZ-44",
                            f"{key}.remedy",
                            "复议或诉讼未结或未维持原决定时强制拆除",
                            10,
                            "unlawful_procedure",
                        )
                    )
    return found


def section10_items(case: Any) -> list[Item]:
    """LEGAL-RULES §10, read from the records of a (closed) file; each finding names its rule."""
    return (
        _decision_items(case) + _hearing_items(case) + _execution_items(case) + _measure_items(case)
    )


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
