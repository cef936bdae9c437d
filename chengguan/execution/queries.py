"""Reads of the bureau's own compulsory executions: scope through the case (ORG-5 town teams)."""

from __future__ import annotations

from django.db.models import QuerySet

from chengguan.core.errors import NotFound
from chengguan.core.rules import local
from chengguan.execution.models import Execution
from chengguan.org.models import OrgUnit, Staff
from chengguan.org.permissions import require
from chengguan.penalties import queries as penalty_queries


def executions(reader: Staff, case_id: int) -> QuerySet[Execution]:
    """The executions of a case the reader may see (404 for any other case)."""
    require(reader, "execution.view")
    case = penalty_queries.case(reader, case_id)
    return Execution.objects.filter(case=case).order_by("id")


def execution(reader: Staff, execution_id: int) -> Execution:
    """An execution on a case the reader may see; anything else is 404 (existence does not leak)."""
    require(reader, "execution.view")
    found = (
        Execution.objects.filter(pk=execution_id, case__in=penalty_queries.cases(reader))
        .select_related("case")
        .first()
    )
    if found is None:
        raise NotFound("未找到该强制执行记录，或您无权查看")
    return found


def powers(bureau: OrgUnit) -> dict[str, str]:
    """QZ-13: the kinds of execution a law gives this bureau, each with its legal source
    (LOCAL_RULES ``bureau_execution_powers``, by bureau code; ``"*"`` = every bureau)."""
    table: dict[str, dict[str, str]] = local("bureau_execution_powers")
    return {**table.get("*", {}), **table.get(bureau.code, {})}
