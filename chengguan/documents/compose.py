"""The 文书 of API.md (and the 催告书 of execution), each built from a ``CaseData`` into a ``Layout``.

The wording follows the usual 城管 forms. The decision carries every item of 《行政处罚法》第五十九条
(XF-59); the periods printed are statutory: 15 days to pay (XF-67), 3 % a day surcharge capped at the
fine (XF-72), reconsideration within 60 days and litigation within 6 months.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from chengguan.documents.chinese import seal_date, text_date, yuan
from chengguan.documents.data import CaseData, Decision, Service, TransferData
from chengguan.documents.kinds import Kind
from chengguan.documents.layout import Block, Fields, Layout, Para, Signature, SignLine

# --- helper:daily --- issue #15 item 5: the officer's text joined without saying a thing twice
from chengguan.documents.wording import cause_text, facts_sentence, order_clause

# --- /helper:daily ---

XFF = "《中华人民共和国行政处罚法》"
# XF-67: the party pays within 15 days of receiving the decision.
PAY_DAYS_TEXT = "十五日"
# Remedies printed on every decision (行政复议法 第二十条, 行政诉讼法 第四十六条).
RECONSIDERATION_TEXT = "六十日"
LITIGATION_TEXT = "六个月"
_ORDINALS = "一二三四五六七八九十"


def _party_blocks(data: CaseData) -> list[Block]:
    party = data.party
    ident = f"，{party.id_label}：{party.id_number}" if party.id_number else ""
    blocks: list[Block] = [Para(f"{party.name}{ident}", lead="当事人：", indent=False)]
    if party.legal_representative:
        blocks.append(Para(party.legal_representative, lead="法定代表人：", indent=False))
    blocks.append(
        Para(
            party.address or "不详",
            lead="住址：" if party.kind == "person" else "地址：",
            indent=False,
        )
    )
    if party.phone:
        blocks.append(Para(party.phone, lead="联系电话：", indent=False))
    return blocks


def _facts_and_evidence(data: CaseData) -> list[Block]:
    # helper:daily — not "经查，当事人2026年11月28日，当事人李建设于…"
    when = text_date(data.act_date) if data.act_date else ""
    blocks: list[Block] = [Para(facts_sentence(data.facts, when))]
    if data.evidence:
        blocks.append(Para("以上事实，有下列证据证明："))
        for n, item in enumerate(data.evidence, start=1):
            blocks.append(Para(f"{n}．{item.kind_label}：{item.description}"))
    return blocks


def _penalty_items(decision: Decision) -> list[str]:
    items: list[str] = []
    for label in decision.penalty_labels:
        if label == "罚款" and decision.fine_amount is not None:
            items.append(f"罚款{yuan(decision.fine_amount)}")
        elif label.startswith("没收") and decision.confiscation_amount is not None:
            items.append(f"{label}{yuan(decision.confiscation_amount)}")
        else:
            items.append(label)
    return items


def _numbered(items: list[str]) -> list[Block]:
    out: list[Block] = []
    for n, item in enumerate(items):
        mark = _ORDINALS[n] if n < len(_ORDINALS) else str(n + 1)
        out.append(Para(f"{mark}、{item}；" if n < len(items) - 1 else f"{mark}、{item}。"))
    return out


def _penalty_summary(decision: Decision) -> str:
    return "、".join(_penalty_items(decision))


def _performance(data: CaseData, decision: Decision) -> list[Block]:
    """How and by when (XF-59 item 4): pay at the bank within 15 days (XF-67), surcharge (XF-72)."""
    blocks: list[Block] = []
    if decision.fine_amount:
        blocks.append(
            Para(
                f"当事人应当自收到本决定书之日起{PAY_DAYS_TEXT}内，持本决定书到{data.bureau.payment_place}"
                "缴纳罚款。到期不缴纳罚款的，本机关将依照"
                f"{XFF}第七十二条第一款第一项的规定，每日按罚款数额的百分之三加处罚款，加处罚款的数额"
                "不超出罚款的数额，并依法申请人民法院强制执行。"
            )
        )
    else:
        blocks.append(Para("本决定自送达当事人之日起执行。"))
    return blocks


def _remedies(data: CaseData, what: str = "本处罚决定") -> Para:
    """The remedies and where to seek them (XF-59 item 5), with XF-73."""
    return Para(
        f"当事人如不服{what}，可以自收到本决定书之日起{RECONSIDERATION_TEXT}内向"
        f"{data.bureau.reconsideration_body}申请行政复议，也可以自收到本决定书之日起"
        f"{LITIGATION_TEXT}内直接向{data.bureau.court}提起行政诉讼。行政复议或者行政诉讼期间，"
        "本决定不停止执行，法律另有规定的除外；加处罚款的数额在行政复议或者行政诉讼期间不予计算。"
    )


def _signature(data: CaseData, on: dt.date | None = None) -> Signature:
    return Signature(body=data.bureau.name, date_text=seal_date(on or data.issued_on))


def _officers_text(data: CaseData) -> str:
    return (
        "、".join(
            f"{o.name}（执法证号：{o.certificate}）" if o.certificate else o.name
            for o in data.officers
        )
        or "—"
    )


def _proposed(data: CaseData) -> Decision:
    """What the notice told the party (and the review and discussion weighed), not what was decided."""
    proposed = data.proposal or data.decision
    if proposed is None:
        raise ValueError("this document needs the case's proposal")
    return proposed


def _require_decision(data: CaseData) -> Decision:
    if data.decision is None:
        raise ValueError("this document needs the case's decision or proposal")
    return data.decision


def registration(data: CaseData, number: str) -> Layout:
    party = data.party
    rows = (
        ("案件编号", data.case_number),
        ("案件来源", data.source or "执法检查"),
        ("案由", data.cause),
        ("当事人", party.name),
        (party.id_label, party.id_number or "—"),
        ("住址（地址）", party.address or "—"),
        ("联系电话", party.phone or "—"),
        ("违法行为发生日期", text_date(data.act_date)),
        ("发现日期", text_date(data.discovered_date)),
        ("简要案情", data.facts),
        ("涉嫌违反的规定", data.violated_provision),
        ("承办人", _officers_text(data)),
        ("承办人意见", "经初步核查，当事人涉嫌违法，属于本机关管辖，建议立案调查。"),
        (
            "负责人审批意见",
            # helper:forms: the head's own opinion where written
            f"{data.registration_opinion or '同意立案。'}{data.registration_approver}"
            if data.registered_on
            else "（待审批）",
        ),
        ("立案日期", text_date(data.registered_on)),
    )
    return Layout(
        data.bureau.name,
        Kind.REGISTRATION.label,
        number,
        [Fields(rows), _signature(data, data.registered_on or data.issued_on)],
    )


def notice(data: CaseData, number: str) -> Layout:
    """行政处罚事先告知书 (XF-44): proposed penalty, facts, reasons, basis, rights."""
    decision = _proposed(data)
    blocks: list[Block] = _party_blocks(data)
    blocks += _facts_and_evidence(data)
    blocks.append(
        Para(
            f"当事人的上述行为违反了{data.violated_provision}的规定。依据{data.penalty_provision}的规定，"
            f"本机关拟对当事人作出如下行政处罚：{_penalty_summary(decision)}"
            # helper:daily — not "责令当事人责令…"; no empty order when none is proposed
            + (
                f"；并责令当事人{order_clause(decision.correction)}。"
                if order_clause(decision.correction)
                else "。"
            )
        )
    )
    statement_by = data.notice.statement_by if data.notice else None
    blocks.append(
        Para(
            f"根据{XFF}第四十四条、第四十五条的规定，当事人享有陈述、申辩的权利。当事人可以在"
            f"{text_date(statement_by)}前向本机关提出陈述、申辩意见；逾期未提出的，视为放弃上述权利。"
            "本机关不因当事人陈述、申辩而给予更重的处罚。"
        )
    )
    if data.notice is not None and data.notice.hearing_right:
        blocks.append(
            Para(
                f"根据{XFF}第六十三条、第六十四条的规定，当事人有权要求举行听证。要求听证的，应当在"
                f"{text_date(data.notice.hearing_by)}前（告知后五个工作日内）提出；逾期未提出的，视为放弃听证权利。"
            )
        )
    blocks.append(
        Para(f"联系地址：{data.bureau.address or '本机关'}　联系电话：{data.bureau.phone or '—'}")
    )
    blocks.append(_signature(data, data.notice.served_on if data.notice else None))
    blocks.append(SignLine("当事人签收：　　　　　　　　年　　月　　日"))
    return Layout(data.bureau.name, Kind.NOTICE.label, number, blocks)


def hearing_notice(data: CaseData, number: str) -> Layout:
    """听证告知书 (XF-63, XF-64): the hearing right within 5 working days of the notice."""
    decision = _proposed(data)
    blocks: list[Block] = _party_blocks(data)
    blocks.append(
        Para(
            f"你（单位）{cause_text(data.cause)}一案，本机关拟依据{data.penalty_provision}的规定，对你（单位）作出"
            f"{_penalty_summary(decision)}的行政处罚。"
        )
    )
    hearing_by = data.notice.hearing_by if data.notice else None
    blocks.append(
        Para(
            f"根据{XFF}第六十三条、第六十四条的规定，你（单位）有要求举行听证的权利。如要求听证，"
            f"应当在收到本告知书之日起五个工作日内（{text_date(hearing_by)}前）向本机关提出；本机关将在"
            "举行听证的七个工作日前通知你（单位）听证的时间、地点。听证由本案调查人员以外的人员主持，"
            "你（单位）认为主持人与本案有直接利害关系的，有权申请回避。逾期未提出的，视为放弃听证权利。"
        )
    )
    blocks.append(_signature(data, data.notice.served_on if data.notice else None))
    blocks.append(SignLine("当事人签收：　　　　　　　　年　　月　　日"))
    return Layout(data.bureau.name, Kind.HEARING_NOTICE.label, number, blocks)


def review_opinion(data: CaseData, number: str) -> Layout:
    """法制审核意见书 (XF-58): the review points of 国办发〔2018〕118号 (SZ-8)."""
    decision = data.proposal or data.decision
    review = data.review
    rows = (
        ("案件编号", data.case_number),
        ("案由", data.cause),
        ("当事人", data.party.name),
        ("承办人", _officers_text(data)),
        ("拟处理意见", _penalty_summary(decision) if decision else "—"),
        (
            "审核内容",
            "行政执法主体是否合法，执法人员是否具备执法资格；执法程序是否合法；案件事实是否清楚，"
            "证据是否合法充分；适用法律、法规、规章是否准确，裁量基准运用是否适当；执法是否超越本机关"
            "执法权限；执法文书是否完备、规范；违法行为是否涉嫌犯罪、需要移送司法机关。",
        ),
        ("审核结论", ("同意" if review.approved else "不同意") if review else "（待审核）"),
        ("审核意见", review.opinion if review else "—"),
        ("审核人", review.reviewer if review else "—"),
        ("审核日期", text_date(review.reviewed_on if review else None)),
    )
    on = review.reviewed_on if review and review.reviewed_on else data.issued_on
    return Layout(
        data.bureau.name, Kind.REVIEW_OPINION.label, number, [Fields(rows), _signature(data, on)]
    )


def discussion_record(data: CaseData, number: str) -> Layout:
    """集体讨论记录 (XF-57): the heads' discussion of a complex or grave case, minuted."""
    talk = data.discussion
    proposed = data.proposal or data.decision
    rows = (
        ("案件编号", data.case_number),
        ("案由", data.cause),
        ("当事人", data.party.name),
        ("讨论时间", text_date(talk.held_on if talk else None)),
        ("主持人", talk.chair if talk else "—"),
        ("参加人员", "、".join(talk.participants) if talk else "—"),
        ("拟处理意见", _penalty_summary(proposed) if proposed else "—"),
        ("讨论记录", talk.minutes if talk else "—"),
        ("讨论决定", talk.conclusion if talk else "—"),
    )
    blocks: list[Block] = [Fields(rows), SignLine("参加人员签名："), SignLine("记录人：")]
    return Layout(data.bureau.name, Kind.DISCUSSION_RECORD.label, number, blocks)


def decision(data: CaseData, number: str) -> Layout:
    """行政处罚决定书 with every item of XF-59."""
    dec = _require_decision(data)
    blocks: list[Block] = _party_blocks(data)
    blocks += _facts_and_evidence(data)
    blocks.append(Para(f"当事人的上述行为违反了{data.violated_provision}的规定。"))
    if data.notice is not None and data.notice.served_on:
        rights = "陈述、申辩和要求听证" if data.notice.hearing_right else "陈述、申辩"
        blocks.append(
            Para(
                f"本机关于{text_date(data.notice.served_on)}向当事人送达了《行政处罚事先告知书》，告知当事人"
                f"拟作出行政处罚的内容及事实、理由、依据，并告知当事人依法享有{rights}的权利。"
                + (data.statement.strip() or "当事人在法定期限内未提出陈述、申辩。")
            )
        )
    if data.hearing_held_on:
        blocks.append(Para(f"本机关于{text_date(data.hearing_held_on)}依法举行了听证。"))
    reasoning = (
        f"参照本机关行政处罚裁量基准，当事人的违法行为属于{dec.level_label}情形。"
        if dec.level_label
        else ""
    )
    if dec.grounds:
        reasoning += f"（{'；'.join(dec.grounds)}）"
    if dec.reasoning:
        reasoning += dec.reasoning
    blocks.append(
        Para(f"{reasoning}依据{data.penalty_provision}的规定，本机关决定对当事人作出如下行政处罚：")
    )
    blocks += _numbered(_penalty_items(dec))
    if order_clause(dec.correction):  # helper:daily
        blocks.append(Para(f"同时，责令当事人{order_clause(dec.correction)}。", lead=""))
    blocks += _performance(data, dec)
    blocks.append(_remedies(data))
    blocks.append(_signature(data, dec.decided_on))
    return Layout(data.bureau.name, Kind.DECISION.label, number, blocks)


def onsite_decision(data: CaseData, number: str) -> Layout:
    """当场处罚决定书 (XF-51, XF-52): numbered, handed over at once, officers named."""
    dec = _require_decision(data)
    blocks: list[Block] = _party_blocks(data)
    blocks += _facts_and_evidence(data)
    blocks.append(
        Para(
            f"当事人的上述行为违反了{data.violated_provision}的规定。依据{data.penalty_provision}和"
            f"{XFF}第五十一条的规定，当场作出如下行政处罚：{_penalty_summary(dec)}。"
        )
    )
    if order_clause(dec.correction):  # helper:daily
        blocks.append(Para(f"同时，责令当事人{order_clause(dec.correction)}。"))
    blocks += _performance(data, dec)
    blocks.append(_remedies(data))
    blocks.append(Para(_officers_text(data), lead="执法人员：", indent=False))
    blocks.append(SignLine("执法人员签名：　　　　　　　　"))
    blocks.append(SignLine("当事人签收：　　　　　　　　（当事人拒绝签收的，由执法人员注明）"))
    blocks.append(_signature(data, dec.decided_on))
    return Layout(data.bureau.name, Kind.ONSITE_DECISION.label, number, blocks)


def no_penalty_decision(data: CaseData, number: str) -> Layout:
    """不予行政处罚决定书 (XF-33, XF-57): why not, on what basis, remedies."""
    blocks: list[Block] = _party_blocks(data)
    blocks += _facts_and_evidence(data)
    reason = (
        data.no_penalty_reason.strip().rstrip("。")
        or "当事人的违法行为轻微并及时改正，没有造成危害后果"
    )
    provision = data.no_penalty_provision or f"{XFF}第三十三条第一款"
    blocks.append(
        Para(f"本机关认为，{reason}。依据{provision}的规定，本机关决定对当事人不予行政处罚。")
    )
    if data.decision is not None and order_clause(data.decision.correction):  # helper:daily
        blocks.append(Para(f"同时，责令当事人{order_clause(data.decision.correction)}。"))
    education = data.education_record.strip().rstrip("。")
    blocks.append(
        Para(
            f"本机关已对当事人进行了教育：{education}。"
            if education
            else "本机关已对当事人进行了教育。"
        )
    )
    blocks.append(Para("当事人应当自觉遵守相关法律、法规和规章的规定。"))
    blocks.append(_remedies(data, "本决定"))
    on = data.decision.decided_on if data.decision and data.decision.decided_on else data.issued_on
    blocks.append(_signature(data, on))
    return Layout(data.bureau.name, Kind.NO_PENALTY_DECISION.label, number, blocks)


def _service_note(service: Service | None) -> str:
    """SD-1/SD-2: the witnesses of a 留置送达 and the failed attempts before a 公告送达."""
    parts = []
    if service is not None and service.witnesses:
        parts.append(f"见证人：{'、'.join(service.witnesses)}")
    if service is not None and service.attempts:
        parts.append(f"此前送达未果：{'；'.join(service.attempts)}")
    return "；".join(parts) or "受送达人拒绝签收的，送达人应当注明情况并由见证人签名。"


def service_receipt(data: CaseData, number: str) -> Layout:
    """送达回证 (XF-61): what was served, how, where, when and on whom."""
    service = data.service
    served = (
        f"《{data.decision_title}》{data.decision_number}"
        if data.decision_number
        else f"《{Kind.NOTICE.label}》"
    )
    rows = (
        ("案由", data.cause),
        ("送达文书名称及文号", served),
        ("受送达人", data.party.name),
        ("送达地点", (service.place if service else "") or data.party.address or "—"),
        ("送达方式", service.method_label if service else "—"),
        (
            "送达人",
            "、".join(service.server_names)
            if service and service.server_names
            else _officers_text(data),
        ),
        ("送达日期", text_date(service.served_on if service else None)),
        *(
            (("送达生效日期", text_date(service.effective_on)),)
            if service and service.effective_on and service.effective_on != service.served_on
            else ()
        ),
        ("收件人签名", (service.recipient if service else "") or "　"),
        ("备注", _service_note(service)),
    )
    return Layout(
        data.bureau.name,
        Kind.SERVICE_RECEIPT.label,
        number,
        [Fields(rows), _signature(data, service.served_on if service else None)],
    )


def _outcome_text(data: CaseData) -> str:
    if data.transferred_to:
        return f"移送{data.transferred_to}"
    if data.decision is not None and data.decision.penalty_labels:
        return _penalty_summary(data.decision)
    if data.decision_title == Kind.NO_PENALTY_DECISION.label:
        return (
            f"不予行政处罚（{data.no_penalty_reason}）"
            if data.no_penalty_reason
            else "不予行政处罚"
        )
    return "—"


def _closing_reason(data: CaseData) -> str:
    if data.transferred_to:
        return f"案件涉嫌犯罪，已依法移送{data.transferred_to}，建议结案。"
    if data.decision_title == Kind.NO_PENALTY_DECISION.label:
        return "已作出不予行政处罚决定并送达，建议结案。"
    if data.enforcement:
        return "已依法申请人民法院强制执行，强制执行程序已终结，建议结案。"
    return "行政处罚决定已执行完毕，建议结案。"


def closing_approval(data: CaseData, number: str) -> Layout:
    """结案审批表: decision, execution and the reason to close."""
    dec = data.decision
    paid = (
        "；".join(
            f"{text_date(p.paid_on)}经{p.channel_label.removesuffix('缴纳')}缴纳{yuan(p.amount)}"  # helper:daily
            + (f"，票据号{p.receipt_no}" if p.receipt_no else "")
            for p in data.payments
        )
        or "—"
    )
    if data.enforcement:
        paid = data.enforcement if paid == "—" else f"{paid}；{data.enforcement}"
    rows = (
        ("案件编号", data.case_number),
        ("案由", data.cause),
        ("当事人", data.party.name),
        ("处罚决定书文号", data.decision_number or "—"),
        ("处理结果", _outcome_text(data)),
        ("责令改正情况", dec.correction if dec else "—"),
        ("执行情况", paid),
        ("结案理由", data.closing_summary or _closing_reason(data)),
        ("承办人", _officers_text(data)),
        ("负责人审批意见", "同意结案。" if data.closed_on else "（待审批）"),
        ("结案日期", text_date(data.closed_on)),
    )
    return Layout(
        data.bureau.name,
        Kind.CLOSING_APPROVAL.label,
        number,
        [Fields(rows), _signature(data, data.closed_on or data.issued_on)],
    )


QZF = "《中华人民共和国行政强制法》"


def demand(data: CaseData, number: str) -> Layout:
    """催告书 (行政强制法第三十五条、第五十四条): the duty, the amount and how to pay, ten working
    days to perform, the right to state and defend, and the court application that follows."""
    owed = data.demand
    dec = data.decision
    fine_due = owed.fine_due if owed else (dec.fine_amount if dec and dec.fine_amount else None)
    blocks: list[Block] = _party_blocks(data)
    decided = text_date(dec.decided_on) if dec and dec.decided_on else text_date(None)
    served = text_date(data.service.served_on if data.service else None)
    what = _penalty_summary(dec) if dec else "罚款"
    pay_by = text_date(owed.pay_by if owed else None)
    blocks.append(
        Para(
            f"本机关于{decided}对你（单位）{cause_text(data.cause)}一案作出《{data.decision_title}》"
            f"（{data.decision_number}），决定对你（单位）{what}。该决定书已于{served}送达。"
            + (owed.schedule if owed and owed.schedule else "")
            + f"你（单位）应当于{pay_by}前缴纳罚款，但至今"
            + ("仍未全部履行。" if owed and owed.partly_paid else "仍未履行。")
        )
    )
    perform_by = owed.perform_by if owed else None
    blocks.append(
        Para(
            f"根据{QZF}第三十五条、第五十四条和{XFF}第七十二条的规定，现催告你（单位）自收到本催告书"
            f"之日起十个工作日内（{text_date(perform_by)}前）履行下列义务："
        )
    )
    items = [f"缴纳罚款{yuan(fine_due)}" if fine_due is not None else "缴纳罚款"]
    if owed is not None:
        items.append(
            f"缴纳加处罚款{yuan(owed.surcharge_due)}（计算至{text_date(owed.as_of)}；此后每日按罚款"
            "数额的百分之三继续加处，加处罚款的数额不超出罚款的数额）"
        )
    blocks += _numbered(items)
    if owed is not None:
        blocks.append(Para(f"以上合计{yuan(owed.fine_due + owed.surcharge_due)}。"))
    blocks.append(Para(f"履行方式：持本催告书到{data.bureau.payment_place}缴纳。"))
    blocks.append(
        Para(
            f"根据{QZF}第三十六条的规定，你（单位）收到本催告书后有权进行陈述和申辩，"
            "可以在上述履行期限内向本机关书面或者口头提出；本机关将充分听取并记录、复核。"
        )
    )
    blocks.append(
        Para(
            f"逾期仍不履行的，本机关将依照{QZF}第五十三条、第五十四条的规定，"
            f"依法向{data.bureau.court}申请强制执行。"
        )
    )
    blocks.append(
        Para(f"联系地址：{data.bureau.address or '本机关'}　联系电话：{data.bureau.phone or '—'}")
    )
    blocks.append(_signature(data, owed.served_on if owed and owed.served_on else None))
    blocks.append(SignLine("当事人签收：　　　　　　　　年　　月　　日"))
    return Layout(data.bureau.name, Kind.DEMAND.label, number, blocks)


# --- helper:forms ---
def statement_record(data: CaseData, number: str) -> Layout:
    """陈述申辩笔录 with the 复核意见 (XF-45): what the party stated, and whether and why the bureau
    adopted it after re-examining its facts, reasons and evidence."""
    rows: list[tuple[str, str]] = [
        ("案件编号", data.case_number),
        ("案由", data.cause),
        ("当事人", data.party.name),
    ]
    verdicts = {True: "予以采纳", False: "不予采纳", None: "已复核"}
    for i, st in enumerate(data.statements, start=1):
        mark = f"（{i}）" if len(data.statements) > 1 else ""
        rows += [
            (f"陈述申辩日期{mark}", text_date(st.received_on)),
            (f"陈述申辩内容{mark}", st.content),
            (f"记录人{mark}", st.recorder or "—"),
            (f"复核结果{mark}", verdicts[st.accepted]),
            (f"复核意见{mark}", st.review_opinion or "—"),
        ]
    if not data.statements:
        rows.append(("陈述申辩内容", data.statement or "（尚无陈述申辩记录）"))
    last = data.statements[-1].received_on if data.statements else None
    return Layout(
        data.bureau.name,
        Kind.STATEMENT_RECORD.label,
        number,
        [
            Fields(tuple(rows)),
            SignLine("当事人签名：　　　　　　　　年　　月　　日"),
            _signature(data, last or data.issued_on),
        ],
    )


# --- /helper:forms ---
# --- helper:execdocs --- decision 090: the court application and the two 移送书
def court_application(data: CaseData, number: str) -> Layout:
    """强制执行申请书 (行政强制法第五十三条–第五十五条): where the bureau has no power to execute,
    it applies to the court within three months, after a 催告 left unperformed for ten working
    days, with the decision, the 催告 and the party's position."""
    app = data.court_application
    dec = data.decision
    if app is None:
        raise ValueError("the court application needs a served 催告")
    party = data.party
    blocks: list[Block] = [
        Para(data.bureau.name, lead="申请人：", indent=False),
        Para(data.bureau.address or "—", lead="地址：", indent=False),
    ]
    blocks += [
        Para(
            f"{party.name}" + (f"，{party.id_label}：{party.id_number}" if party.id_number else ""),
            lead="被申请人：",
            indent=False,
        ),
        Para(
            party.address or "不详",
            lead="住址：" if party.kind == "person" else "地址：",
            indent=False,
        ),
    ]
    if party.legal_representative:
        blocks.append(Para(party.legal_representative, lead="法定代表人：", indent=False))
    total = app.fine_due + app.surcharge_due
    blocks.append(
        Para(
            f"申请事项：请求依法强制执行被申请人罚款{yuan(app.fine_due)}、加处罚款{yuan(app.surcharge_due)}，"
            f"合计{yuan(total)}。",
            indent=False,
        )
    )
    what = _penalty_summary(dec) if dec else "罚款"
    decided = text_date(dec.decided_on if dec else None)
    served = text_date(data.service.served_on if data.service else None)
    blocks.append(
        Para(
            f"申请人于{decided}对被申请人{cause_text(data.cause)}一案作出《{data.decision_title}》"
            f"（{data.decision_number}），决定对被申请人{what}，该决定书已于{served}送达。被申请人在法定"
            "期限内未申请行政复议或者提起行政诉讼，又不履行该决定。"
        )
    )
    blocks.append(
        Para(
            f"申请人于{text_date(app.demand_served_on)}依法向被申请人送达《催告书》，催告其于"
            f"{text_date(app.demand_perform_by)}前履行。催告书送达十日后，被申请人仍未履行。"
        )
    )
    blocks.append(
        Para(
            f"根据{QZF}第五十三条、第五十四条、第五十五条和{XFF}第七十二条第一款第三项的规定，"
            f"特申请{app.court}依法强制执行。"
        )
    )
    blocks.append(
        Para(
            "附：行政处罚决定书及送达回证、催告书及送达回证、被申请人财产状况、其他必要的材料。",
            indent=False,
        )
    )
    blocks.append(Para(f"此致　{app.court}", indent=False))
    blocks.append(_signature(data, app.applied_on))
    blocks.append(SignLine("申请人负责人签名：　　　　　　　　"))
    return Layout(data.bureau.name, Kind.COURT_APPLICATION.label, number, blocks)


def _transfer_of(data: CaseData) -> TransferData:
    """The case's transfer (availability checks its kind: XF-22 or XF-27)."""
    if data.transfer is None:
        raise ValueError("this document needs the case's transfer")
    return data.transfer


def _receipt(moved: TransferData) -> SignLine:
    received = f"（回执：{moved.receipt}）" if moved.receipt else ""
    return SignLine(f"接收机关签收{received}：　　　　　　　　年　　月　　日")


def transfer_letter(data: CaseData, number: str) -> Layout:
    """案件移送书 (XF-22, 行政处罚法第二十二条、第二十三条): a matter outside the bureau's powers
    goes to the competent body, with the file and the body's receipt."""
    moved = _transfer_of(data)
    blocks: list[Block] = [Para(f"{moved.to}：", indent=False)]
    blocks.append(
        Para(
            f"本机关于{text_date(data.discovered_date)}发现{data.party.name}{cause_text(data.cause)}一案"
            f"（案件编号：{data.case_number}）。{facts_sentence(data.facts, '')}"
        )
    )
    blocks.append(
        Para(
            f"经审查，{clause_text(moved.reason)}。该案不属于本机关管辖，依据{XFF}第二十二条、"
            f"第二十三条的规定，经本机关负责人于{text_date(moved.decided_on)}批准，现将该案移送你机关"
            "依法处理。"
        )
    )
    blocks.append(Para("附：案件材料（详见移交清单）。", indent=False))
    blocks += _file_rows(data)
    blocks.append(
        Para(f"联系地址：{data.bureau.address or '本机关'}　联系电话：{data.bureau.phone or '—'}")
    )
    blocks.append(_signature(data, moved.decided_on))
    blocks.append(SignLine(f"移交日期：{text_date(moved.handed_over_on)}"))
    blocks.append(_receipt(moved))
    return Layout(data.bureau.name, Kind.TRANSFER_LETTER.label, number, blocks)


def _file_rows(data: CaseData) -> list[Block]:
    if not data.file_list:
        return [Para("移交清单：案卷材料一宗。", indent=False)]
    return [Para("移交清单：", indent=False), *_listed(data.file_list)]


def _listed(items: tuple[str, ...]) -> list[Block]:
    last = len(items) - 1
    return [
        Para(f"{n + 1}．{clause_text(item)}{'；' if n < last else '。'}")
        for n, item in enumerate(items)
    ]


def crime_transfer(data: CaseData, number: str) -> Layout:
    """涉嫌犯罪案件移送书 (XF-27, 国务院令第310号第五条、第六条、第八条): the head's approval within 3
    days of the report, the file handed over within 24 hours, with the list of what is handed
    over; the case is suspended."""
    moved = _transfer_of(data)
    blocks: list[Block] = [Para(f"{moved.to}：", indent=False)]
    blocks.append(
        Para(
            f"本机关在查处{data.party.name}{cause_text(data.cause)}一案（案件编号：{data.case_number}）"
            f"中，于{text_date(moved.reported_on)}发现当事人涉嫌犯罪。{facts_sentence(data.facts, '')}"
        )
    )
    approved = f"经本机关负责人{moved.approver}批准" if moved.approver else "经本机关负责人批准"
    blocks.append(
        Para(
            f"本机关认为，{clause_text(moved.reason)}。依据《行政执法机关移送涉嫌犯罪案件的规定》"
            f"（国务院令第310号）第三条、第五条和{XFF}第二十七条的规定，{approved}，本机关于"
            f"{text_date(moved.decided_on)}决定将该案移送你局依法处理，并于"
            f"{text_date(moved.handed_over_on)}移交案卷材料。"
        )
    )
    if moved.late_reason.strip():
        blocks.append(Para(f"未在规定期限内移送的原因：{clause_text(moved.late_reason)}。"))
    blocks.append(
        Para(
            "请你局自接到本移送书之日起三日内依法审查，决定是否立案，并将结果书面告知本机关；"
            "决定不予立案的，请说明理由并退回案卷材料。"
        )
    )
    blocks += _file_rows(data)
    blocks.append(
        Para(f"联系地址：{data.bureau.address or '本机关'}　联系电话：{data.bureau.phone or '—'}")
    )
    blocks.append(_signature(data, moved.decided_on))
    blocks.append(SignLine("抄送：同级人民检察院"))
    blocks.append(_receipt(moved))
    return Layout(data.bureau.name, Kind.CRIME_TRANSFER.label, number, blocks)


def clause_text(text: str) -> str:
    return text.strip().rstrip("。；;，, ")


# --- /helper:execdocs ---


BUILDERS: dict[str, Callable[[CaseData, str], Layout]] = {
    Kind.REGISTRATION: registration,
    Kind.NOTICE: notice,
    Kind.HEARING_NOTICE: hearing_notice,
    Kind.REVIEW_OPINION: review_opinion,
    Kind.DISCUSSION_RECORD: discussion_record,
    Kind.DECISION: decision,
    Kind.ONSITE_DECISION: onsite_decision,
    Kind.NO_PENALTY_DECISION: no_penalty_decision,
    Kind.SERVICE_RECEIPT: service_receipt,
    Kind.CLOSING_APPROVAL: closing_approval,
    Kind.DEMAND: demand,
    Kind.STATEMENT_RECORD: statement_record,  # helper:forms
    # --- helper:execdocs ---
    Kind.COURT_APPLICATION: court_application,
    Kind.TRANSFER_LETTER: transfer_letter,
    Kind.CRIME_TRANSFER: crime_transfer,
    # --- /helper:execdocs ---
}


def build(kind: str, data: CaseData, number: str) -> Layout:
    return BUILDERS[kind](data, number)
