"""Who may do what in service-type enforcement, registered once from ``GuidanceConfig.ready()``.

Officers of a squad or town team keep their unit's contact points and issue 行政指导; the legal
office (reviewer) keeps the legal-risk list of the 权责清单; the head may do everything and the
supervisor reads. Outside the bureau-wide roles a unit sees only its own points and records."""

from __future__ import annotations

from chengguan.org.permissions import grant
from chengguan.org.roles import Role

grant(
    {
        "guidance.view": {Role.OFFICER, Role.REVIEWER, Role.HEAD, Role.SUPERVISOR},
        "guidance.points": {Role.OFFICER, Role.HEAD},
        "guidance.advise": {Role.OFFICER, Role.HEAD},
        "guidance.risks": {Role.REVIEWER, Role.HEAD},
    }
)
