"""GS-2: what of a GS-1 record the public may see. The policy is LOCAL_RULES, never code.

Free text (违法事实, 处罚内容, 备注) is scrubbed as well: an officer may have typed an ID or phone
number into the facts, and the mask must hold whatever was typed.
"""

from __future__ import annotations

import re
from typing import Any

from chengguan.core.pii import mask_id_number, mask_name, mask_phone
from chengguan.core.rules import local

# 18-character resident ID (last may be X), 15-digit old ID, mainland mobile and landline numbers.
_ID_RE = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")
_PHONE_RE = re.compile(r"(?<!\d)(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)")
_DIGITS_RE = re.compile(r"\d{9,}")
FREE_TEXT = ("facts", "penalty_content", "note", "violation_type", "permit")


def scrub(text: str, names: list[str] | None = None) -> str:
    """Mask ID and phone numbers inside free text; any other run of 9+ digits keeps only its ends;
    each of ``names`` (2+ characters) is masked as the name column is."""
    text = _ID_RE.sub(lambda m: mask_id_number(m.group(0)), text or "")
    for name in sorted(
        {n.strip() for n in names or [] if len(n.strip()) >= 2}, key=len, reverse=True
    ):
        text = text.replace(name, mask_name(name))
    text = _PHONE_RE.sub(lambda m: mask_phone(m.group(0)), text)
    return _DIGITS_RE.sub(
        lambda m: m.group(0)[:2] + "*" * (len(m.group(0)) - 4) + m.group(0)[-2:], text
    )


def public_record(record: dict[str, Any]) -> dict[str, Any]:
    """The record as published: masked per GS-2, without any address or phone field."""
    out = {k: v for k, v in record.items() if k not in ("address", "phone", "birth_date")}
    person = record.get("party_kind") == "person"
    if person:
        out["id_number"] = mask_id_number(str(record.get("id_number", "")))
        if local("mask_person_name"):
            out["party_name"] = mask_name(str(record.get("party_name", "")))
    elif local("disclosure_mask_legal_representative"):
        out["legal_representative"] = mask_name(str(record.get("legal_representative", "")))
    # Issue #12 item 8: the facts text named the party whose name column was masked. Whatever
    # the name columns hide is also hidden where the free text repeats it.
    hidden = [
        str(record.get(k, ""))
        for k in ("party_name", "legal_representative")
        if out.get(k) != record.get(k) and record.get(k)
    ]
    for key in FREE_TEXT:
        if isinstance(out.get(key), str):
            out[key] = scrub(out[key], names=hidden)
    return out
