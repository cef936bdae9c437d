"""答复函: the lead unit's reply to a deputy's suggestion or a member's proposal (JY-1)."""

from __future__ import annotations

from collections.abc import Callable

from chengguan.documents.compose_parts import contact, day, signature
from chengguan.documents.layout import Block, Layout, Para
from chengguan.documents.subject_data import SuggestionData
from chengguan.documents.subject_kinds import SuggestionKind as K


def unavailable_reason(data: SuggestionData, kind: str) -> str:
    if kind == K.REPLY:
        return "" if data.round else "尚未答复，登记答复后方可制作答复函"
    return "没有这种建议提案文书"


def reply(data: SuggestionData, number: str) -> Layout:
    title = data.title.strip().removeprefix("《").removesuffix("》")
    handled = f"由{data.lead_unit}主办" + (
        f"，{'、'.join(data.co_units)}协办" if data.co_units else ""
    )
    again = "经重新办理，" if data.round > 1 else ""
    blocks: list[Block] = [
        Para(f"尊敬的{data.addressee}：", indent=False),
        Para(
            f"您提出的《{title}》（{data.kind}{data.number}）已于{day(data.assigned_on)}交由本机关办理，"
            f"{handled}。{again}现答复如下："
        ),
    ]
    for line in data.reply_text.splitlines():
        if line.strip():
            blocks.append(Para(line.strip()))
    blocks.append(Para("感谢您对城市管理工作的关心和支持。对本答复如有意见，请及时反馈本机关。"))
    blocks.append(contact(data.bureau))
    blocks.append(signature(data.bureau, data.replied_on, data.issued_on))
    return Layout(data.bureau.name, K.REPLY.label, number, blocks)


BUILDERS: dict[str, Callable[[SuggestionData, str], Layout]] = {K.REPLY: reply}
