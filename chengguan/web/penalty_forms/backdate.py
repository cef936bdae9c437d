"""TM-2 on the case page: the 补记 reason and the approving head, offered on the forms whose date
may be entered late (the action decides whether they are needed)."""

from __future__ import annotations

from chengguan.core.rules import local
from chengguan.org import queries as org_queries
from chengguan.penalties.models import PenaltyCase
from chengguan.web.formspec import Field


def backdate_fields(case: PenaltyCase) -> list[Field]:
    heads = org_queries.heads(case.bureau_id)
    limit = local("backdate_working_days")
    return [
        Field(
            "backdate_reason",
            f"补记理由（日期早于今天{limit}个工作日以上时必填）",
            "text",
        ),
        Field(
            "backdate_approved_by",
            "批准补记的负责人",
            "select",
            choices=[(h.username, h.display_name) for h in heads],
        ),
    ]
