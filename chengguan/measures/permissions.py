"""Who may do what with 查封/扣押 (role → permission), registered once from ``MeasuresConfig.ready()``."""

from __future__ import annotations

from chengguan.org.permissions import grant
from chengguan.org.roles import Role

grant(
    {
        "measures.view": {Role.OFFICER, Role.REVIEWER, Role.HEAD, Role.SUPERVISOR, Role.ADMIN},
        # QZ-18: the case's officers carry out the measure (two, with certificates).
        "measures.seize": {Role.OFFICER},
        # QZ-18/QZ-19/QZ-25: the head approves (afterwards in an emergency) and extends.
        "measures.approve": {Role.HEAD},
        "measures.extend": {Role.HEAD},
        # QZ-28: releasing is never unlawful; the case's officers or the head do it.
        "measures.release": {Role.OFFICER, Role.HEAD},
        # What becomes of held items once the case is decided is the head's call.
        "measures.dispose": {Role.HEAD},
    }
)
