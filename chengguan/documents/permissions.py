"""Who may generate and read 执法文书; imported once by ``DocumentsConfig.ready()``.

A 文书 is part of its case: reading it needs the case's read permission (and its scope, checked in
``queries.visible_case``). Generating takes a 文号 and writes a record, so it is for the roles that
work the case, not for the oversight and administration roles that only read it.
"""

# --- helper:documents ---
from chengguan.execution import permissions as _execution_grants  # noqa: F401 — execdocs
from chengguan.inspections import permissions as _inspection_grants  # noqa: F401
from chengguan.measures import permissions as _measure_grants  # noqa: F401
from chengguan.org.permissions import grant, roles_for
from chengguan.org.roles import Role
from chengguan.penalties import permissions as _case_grants  # noqa: F401 — registered first
from chengguan.permits import permissions as _permit_grants  # noqa: F401
from chengguan.suggestions import permissions as _suggestion_grants  # noqa: F401

# --- /helper:documents ---

grant(
    {
        "documents.view": set(roles_for("penalties.view")),
        "documents.generate": {Role.OFFICER, Role.REVIEWER, Role.HEAD},
    }
)

# --- helper:documents --- decision 081: a subject's 文书 are read by whoever reads the subject
# (its own scoped query answers first) and printed by the roles that work it.

grant(
    {
        "documents.inspection.view": set(roles_for("inspections.view")),
        # The officers inspect and record; the head approves (and may print the notice).
        "documents.inspection.generate": set(roles_for("inspections.inspect"))
        | set(roles_for("inspections.approve")),
        "documents.seizure.view": set(roles_for("measures.view")),
        # The case's officers carry the measure out; the head approves, extends and releases it.
        "documents.seizure.generate": set(roles_for("measures.seize"))
        | set(roles_for("measures.approve")),
        "documents.permit.view": set(roles_for("permits.view")),
        # The handling unit accepts and tells what is missing; the head decides and extends.
        "documents.permit.generate": set(roles_for("permits.handle"))
        | set(roles_for("permits.decide")),
        # The 答复函 is printed by the units that reply (the lead unit's, checked by the reply).
        "documents.suggestion.view": set(roles_for("suggestions.view")),
        "documents.suggestion.generate": set(roles_for("suggestions.reply")),
    }
)
# --- /helper:documents ---

# --- helper:execdocs --- decision 090: who reads an execution reads its 文书; the officers who
# serve the 催告 and post the notice, the reviewer and the head who decides print them.
grant(
    {
        "documents.execution.view": set(roles_for("execution.view")),
        "documents.execution.generate": set(roles_for("execution.demand"))
        | set(roles_for("execution.notice"))
        | set(roles_for("execution.review"))
        | set(roles_for("execution.decide")),
    }
)
# --- /helper:execdocs ---
