"""Who may read and run enforcement oversight; imported once by ``OversightConfig.ready()``."""

from chengguan.org.permissions import grant
from chengguan.org.roles import Role

grant(
    {
        "oversight.view": {Role.SUPERVISOR, Role.HEAD, Role.REVIEWER, Role.ADMIN},
        "oversight.manage": {Role.SUPERVISOR, Role.HEAD},
    }
)
