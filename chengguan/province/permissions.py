"""A province or city supervisor reads the bureaus below its body; nobody else uses these paths."""

from __future__ import annotations

from chengguan.org.permissions import grant
from chengguan.org.roles import Role

grant({"province.view": {Role.PROVINCE}})
