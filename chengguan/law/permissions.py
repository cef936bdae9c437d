"""Who may read and keep the power list, benchmarks and exemptions; imported once by
``LawConfig.ready()``."""

from chengguan.org.permissions import grant
from chengguan.org.roles import Role

grant({"law.view": set(Role.values), "law.manage": {Role.REVIEWER, Role.ADMIN}})
