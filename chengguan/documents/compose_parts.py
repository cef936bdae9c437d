"""Pieces every subject's 文书 prints: the addressee, numbered items, officers, remedies, the seal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from chengguan.documents.chinese import seal_date, text_date
from chengguan.documents.data import Bureau, Officer, Party
from chengguan.documents.layout import Block, Para, Signature

XKF = "《中华人民共和国行政许可法》"
QZF = "《中华人民共和国行政强制法》"
XFF = "《中华人民共和国行政处罚法》"
_ORDINALS = "一二三四五六七八九十"


def clause(text: str) -> str:
    """A piece of free text inside a sentence: no trailing full stop or semicolon of its own, so
    the sentence around it never prints "。。" or "；。"."""
    return text.strip().rstrip("。；;，, ")


def party_blocks(party: Party, *, who: str = "当事人") -> list[Block]:
    ident = f"，{party.id_label}：{party.id_number}" if party.id_number else ""
    blocks: list[Block] = [Para(f"{party.name}{ident}", lead=f"{who}：", indent=False)]
    if party.legal_representative:
        blocks.append(Para(party.legal_representative, lead="法定代表人：", indent=False))
    if party.address:
        lead = "住址：" if party.kind == "person" else "地址："
        blocks.append(Para(party.address, lead=lead, indent=False))
    if party.phone:
        blocks.append(Para(party.phone, lead="联系电话：", indent=False))
    return blocks


def numbered(items: Sequence[str], *, chinese: bool = True) -> list[Block]:
    """一、…；二、…。 (or 1．… for lists of things)."""
    out: list[Block] = []
    last = len(items) - 1
    for n, item in enumerate(items):
        if chinese:
            mark = (_ORDINALS[n] if n < len(_ORDINALS) else str(n + 1)) + "、"
        else:
            mark = f"{n + 1}．"
        out.append(Para(f"{mark}{clause(item)}{'；' if n < last else '。'}"))
    return out


def officers_text(officers: Sequence[Officer]) -> str:
    return (
        "、".join(
            f"{o.name}（执法证号：{o.certificate}）" if o.certificate else o.name for o in officers
        )
        or "—"
    )


def remedies(bureau: Bureau, what: str = "本决定") -> Para:
    """行政复议法 第二十条 (60 days) and 行政诉讼法 第四十六条 (6 months), with the bureau's bodies."""
    return Para(
        f"如不服{what}，可以自收到{what}之日起六十日内向{bureau.reconsideration_body}申请行政复议，"
        f"也可以自收到{what}之日起六个月内直接向{bureau.court}提起行政诉讼。"
    )


def contact(bureau: Bureau) -> Para:
    return Para(f"联系地址：{bureau.address or '本机关'}　联系电话：{bureau.phone or '—'}")


def signature(bureau: Bureau, on: dt.date | None, issued_on: dt.date) -> Signature:
    return Signature(body=bureau.name, date_text=seal_date(on or issued_on))


def day(on: dt.date | None) -> str:
    return text_date(on)
