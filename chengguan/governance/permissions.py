"""Who may read and keep the rule-of-law registers; imported once by ``GovernanceConfig.ready()``."""

from chengguan.org.permissions import grant
from chengguan.org.roles import Role

MANAGERS: set[str] = {Role.ADMIN, Role.REVIEWER, Role.HEAD, Role.SUPERVISOR}

grant(
    {
        "governance.view": set(Role.values),
        "governance.manage": MANAGERS,
        "governance.review": {Role.REVIEWER},
        "governance.approve": {Role.HEAD},
    }
)
