"""Who may read the yearly figures and the report."""

from chengguan.org.permissions import grant
from chengguan.org.roles import Role

grant({"reports.view": {Role.HEAD, Role.SUPERVISOR, Role.REVIEWER, Role.ADMIN}})
