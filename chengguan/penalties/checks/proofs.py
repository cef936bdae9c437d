"""XF-70 (sharpened, LEGAL-RULES §10.1) and XF-73 (sharpened, §10.5): the proof of a payment and of
a reconsideration or litigation. Pure functions returning Violations."""

from __future__ import annotations

import datetime as dt

from chengguan.core.errors import Violation
from chengguan.law.registry import violation


def payment_proof(*, channel: str, voucher_no: str, receipt_no: str) -> list[Violation]:
    """XF-70: a bank or e-payment carries its voucher number (罚缴分离); cash collected on the spot
    the finance department's receipt number. Without it the payment is only a claim."""
    if channel == "on_spot":
        if not receipt_no.strip():
            return [
                violation(
                    "XF-70",
                    "当场收缴罚款须出具财政部门统一制发的专用票据；请登记票据号（receipt_no）",
                    field="receipt_no",
                )
            ]
        return []
    if not voucher_no.strip():
        return [
            violation(
                "XF-70",
                "罚款经银行或电子支付缴纳的，须登记银行缴款凭证或电子缴款凭证号（voucher_no）；"
                "无凭证的缴款不能登记",
                field="voucher_no",
            )
        ]
    return []


def remedy_recorder(*, is_reviewer_or_head: bool, is_case_officer: bool) -> list[Violation]:
    """XF-73: the proceeding is recorded by the legal reviewer or the head, never by an officer who
    investigated the case (whose fine it pauses)."""
    if is_case_officer or not is_reviewer_or_head:
        return [
            violation(
                "XF-73",
                "行政复议、行政诉讼由法制审核人员或负责人凭受理通知书登记；本案调查人员不能登记",
            )
        ]
    return []


def remedy_proof(
    *,
    proof_number: str,
    proof_date: dt.date | None,
    body: str,
) -> list[Violation]:
    """XF-73: only a proceeding proven by the body's acceptance notice or the court's 受理通知书
    (number and date, and the body) pauses the surcharge. The dates themselves are TM-1's."""
    missing = [
        name
        for name, given in (
            ("proof_number", bool(proof_number.strip())),
            ("proof_date", proof_date is not None),
            ("body", bool(body.strip())),
        )
        if not given
    ]
    if missing:
        return [
            violation(
                "XF-73",
                "登记复议、诉讼须附复议机关的受理通知书或人民法院的受理通知书："
                "写明文号、日期及复议机关/法院",
                missing=missing,
            )
        ]
    return []
