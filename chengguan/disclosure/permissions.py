"""Who may read the disclosure queue and publish; imported once by ``DisclosureConfig.ready()``."""

from chengguan.org.permissions import grant
from chengguan.org.roles import Role

grant(
    {
        "disclosure.view": {Role.REVIEWER, Role.HEAD, Role.SUPERVISOR, Role.ADMIN, Role.OFFICER},
        "disclosure.publish": {Role.REVIEWER, Role.HEAD, Role.ADMIN},
    }
)
