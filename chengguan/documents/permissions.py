"""Who may generate and read 执法文书; imported once by ``DocumentsConfig.ready()``."""

from chengguan.org.permissions import grant
from chengguan.org.roles import Role

grant({"documents.generate": set(Role.values), "documents.view": set(Role.values)})
