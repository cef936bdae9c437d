"""Who may do what in 行政许可 (role → permission), registered once from ``PermitsConfig.ready()``.

The role is half of it: outside the bureau-wide roles, staff act only on the kinds their own unit
handles (``queries.handles``)."""

from __future__ import annotations

from chengguan.org.permissions import grant
from chengguan.org.roles import Role

grant(
    {
        "permits.view": {Role.OFFICER, Role.REVIEWER, Role.HEAD, Role.SUPERVISOR, Role.ADMIN},
        # XK-1: the kinds are bureau data kept by the legal office.
        "permits.kind.manage": {Role.REVIEWER, Role.ADMIN},
        # The counter (and the 一网通办 account) registers; the handling unit accepts or tells.
        "permits.apply": {Role.OFFICER, Role.REVIEWER},
        "permits.handle": {Role.OFFICER, Role.REVIEWER},
        # The decision is the bureau's, signed by the head; so is an extension (XK-42).
        "permits.decide": {Role.HEAD},
        "permits.extend": {Role.HEAD},
        # XK-40: publication is disclosure work of the legal office.
        "permits.publish": {Role.REVIEWER, Role.HEAD},
        # --- helper:stalls --- the points are the bureau's plan; the allocation its decision
        "permits.stall.manage": {Role.ADMIN, Role.REVIEWER, Role.HEAD},
        "permits.stall.allocate": {Role.REVIEWER, Role.HEAD},
        # --- /helper:stalls ---
    }
)
