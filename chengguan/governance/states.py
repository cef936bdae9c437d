"""The statuses of the governance registers and which action may leave which status (data, not logic).

Read by ``transitions.transition``, the one place that writes a register row's ``status``.
"""

from __future__ import annotations

from django.db import models


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", "起草中"
    REVIEWED = "reviewed", "已合法性审核"
    ISSUED = "issued", "已印发"
    FILED = "filed", "已备案"


class DecisionStatus(models.TextChoices):
    LISTED = "listed", "已列入目录"
    DECIDED = "decided", "已决策"
    WITHDRAWN = "withdrawn", "已调出目录"


D, M = DocumentStatus, DecisionStatus

# step (the ledger action without "governance.") → the statuses it may start from.
ALLOWED: dict[str, frozenset[str]] = {
    "document.review": frozenset({D.DRAFT}),
    "document.issue": frozenset({D.REVIEWED}),
    "document.file": frozenset({D.ISSUED}),
    # 清理 changes no status, but only an issued (or filed) document is in force to be cleaned up.
    "document.cleanup": frozenset({D.ISSUED, D.FILED}),
    "decision.decide": frozenset({M.LISTED}),
    "decision.withdraw": frozenset({M.LISTED}),
}

# step → the statuses it may move a row to. A step missing here never changes the status.
LEADS_TO: dict[str, frozenset[str]] = {
    "document.review": frozenset({D.REVIEWED}),
    "document.issue": frozenset({D.ISSUED}),
    "document.file": frozenset({D.FILED}),
    "decision.decide": frozenset({M.DECIDED}),
    "decision.withdraw": frozenset({M.WITHDRAWN}),
}

# step → the 409 ``state`` message of a step not allowed from the row's status (as before).
REFUSALS: dict[str, str] = {
    "document.review": "只有起草中的文件可以进行合法性审核",
    "document.issue": "规范性文件须先经合法性审核，方可印发",
    "document.file": "只有已印发的文件可以备案",
    "document.cleanup": "只有已印发的文件可以清理",
    "decision.decide": "该事项已决策或已调出目录",
    "decision.withdraw": "只有已列入目录、尚未决策的事项可以调出目录",
}
