"""Who may generate and read 执法文书; imported once by ``DocumentsConfig.ready()``.

A 文书 is part of its case: reading it needs the case's read permission (and its scope, checked in
``queries.visible_case``). Generating takes a 文号 and writes a record, so it is for the roles that
work the case, not for the oversight and administration roles that only read it.
"""

from chengguan.org.permissions import grant, roles_for
from chengguan.org.roles import Role
from chengguan.penalties import permissions as _case_grants  # noqa: F401 — registered first

grant(
    {
        "documents.view": set(roles_for("penalties.view")),
        "documents.generate": {Role.OFFICER, Role.REVIEWER, Role.HEAD},
    }
)
