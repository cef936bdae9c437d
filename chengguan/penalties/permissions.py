"""Who may do what in penalties (role → permission), registered once from ``PenaltiesConfig.ready()``.

The checks themselves stay in the actions (``require(actor, "penalties.decide", case)``); this is the
table they read.
"""

from __future__ import annotations

from chengguan.org.permissions import grant
from chengguan.org.roles import Role

grant(
    {
        "penalties.view": {Role.OFFICER, Role.REVIEWER, Role.HEAD, Role.SUPERVISOR, Role.ADMIN},
        "penalties.open": {Role.OFFICER},
        "penalties.act": {Role.OFFICER},
        "penalties.register": {Role.HEAD},
        "penalties.review": {Role.REVIEWER},
        "penalties.discuss": {Role.HEAD},
        "penalties.decide": {Role.HEAD},
        "penalties.recuse": {Role.HEAD},
        "penalties.extend": {Role.HEAD},
        "penalties.file": {Role.REVIEWER, Role.HEAD},
        "penalties.close": {Role.HEAD},
        "penalties.archive": {Role.REVIEWER},
        # XF-73: 复议/诉讼 are recorded, with their acceptance notice, by 法制股 or the head.
        "penalties.remedy": {Role.REVIEWER, Role.HEAD},
        # XF-66: the head approves deferred or instalment payment.
        "penalties.arrangement": {Role.HEAD},
        # QZ-53: the application to the court and its outcome (法制股 prepares, the head signs).
        "penalties.enforce": {Role.HEAD, Role.REVIEWER},
        # XF-56: the head approves 先行登记保存 and decides what becomes of the items.
        "penalties.preservation": {Role.HEAD},
        # XF-71: the bureau pays on-the-spot cash into the bank (the officer hands it in).
        "penalties.deposit": {Role.OFFICER, Role.HEAD, Role.REVIEWER},
        # --- helper:hearing2 ---
        # XF-64: the head names the hearing's chair and decides a challenge of the chair.
        "penalties.hearing_chair": {Role.HEAD},
        # --- /helper:hearing2 ---
        # --- helper:due3 --- XF-22/XF-27: the case's officers record a transfer (a suspected
        # crime with the head's approval); the head may record it himself.
        "penalties.transfer": {Role.OFFICER, Role.HEAD},
        # --- /helper:due3 ---
    }
)
