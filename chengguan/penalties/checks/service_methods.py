"""SD-1 and SD-2 (LEGAL-RULES §10.4): how a decision was served and when the service took effect.

The 民事诉讼法 rules of service apply to administrative documents: each method needs its own record
(留置: witnesses or a photo/video; 邮寄: the receipt's sign date; 委托/转交: who received it; 公告: the
failed attempts first), and the date of legal effect — from which the 15-day payment period (XF-67)
and the remedy periods run — is the method's, not the day the officer acted.

Pure functions; the action parses the payload and loads the blob.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from chengguan.core.errors import Violation
from chengguan.law.registry import violation

# 民事诉讼法第九十五条: 自发出公告之日起，经过三十日，即视为送达 (statute, not a local setting).
PUBLIC_NOTICE_DAYS = 30

DIRECT, LEFT, POST, ELECTRONIC, ENTRUSTED, PUBLIC = (
    "direct",
    "left",
    "post",
    "electronic",
    "entrusted",
    "public",
)


# Old clients sent "notice" for 公告送达; it is read as "public".
LEGACY = {"notice": PUBLIC}


def normalise(method: str) -> str:
    return LEGACY.get(method.strip(), method.strip())


def effective_date(method: str, served_on: dt.date, receipt_signed_on: dt.date | None) -> dt.date:
    """SD-1/SD-2: the day the service takes legal effect."""
    if method == POST and receipt_signed_on is not None:
        return receipt_signed_on
    if method == PUBLIC:
        return served_on + dt.timedelta(days=PUBLIC_NOTICE_DAYS)
    return served_on


def service_record(
    *,
    method: str,
    procedure: str,
    witnesses: Sequence[str],
    has_photo: bool,
    receipt_signed_on: dt.date | None,
    recipient_named: bool,
    failed_attempts: int,
) -> list[Violation]:
    """SD-1: what each method needs on the record; SD-2: 公告送达 is the last resort, never in the
    simple procedure."""
    if method == LEFT and not (witnesses or has_photo):
        return [
            violation(
                "SD-1",
                "受送达人拒绝签收的，留置送达须记录见证人（witnesses）或以拍照、录像记录送达过程"
                "（photo_blob）",
                method=method,
            )
        ]
    if method == POST and receipt_signed_on is None:
        return [
            violation(
                "SD-1",
                "邮寄送达以回执上注明的收件日期为送达日期；请登记回执签收日期（receipt_signed_on）",
                method=method,
            )
        ]
    if method == ENTRUSTED and not recipient_named:
        return [
            violation(
                "SD-1",
                "委托或转交送达须写明代为送达的单位或转交人（recipient）",
                method=method,
            )
        ]
    if method == PUBLIC:
        if procedure == "simple":
            return [
                violation(
                    "SD-2",
                    "简易程序当场作出的处罚决定书应当场交付当事人，不适用公告送达",
                    method=method,
                )
            ]
        if failed_attempts < 1:
            return [
                violation(
                    "SD-2",
                    "受送达人下落不明或者用其他方式无法送达的，方可公告送达；"
                    "请先登记直接、留置、邮寄等方式送达未果的记录（attempts）",
                    method=method,
                )
            ]
    return []
