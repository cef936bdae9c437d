"""Who may do what with city cases; imported once by ``CitycasesConfig.ready()``."""

from chengguan.org.permissions import grant
from chengguan.org.roles import Role

ALL_ROLES = set(Role.values)

grant(
    {
        "citycases.view": ALL_ROLES,
        "citycases.report": {Role.INSPECTOR, Role.CENTER, Role.HOTLINE},
        "citycases.file": {Role.CENTER, Role.HOTLINE},
        "citycases.reject": {Role.CENTER, Role.HOTLINE},
        "citycases.merge": {Role.CENTER, Role.HOTLINE},
        "citycases.dispatch": {Role.CENTER},
        "citycases.return": {Role.HANDLER, Role.OFFICER},
        "citycases.handle": {Role.HANDLER, Role.OFFICER},
        "citycases.extend": {Role.HANDLER, Role.OFFICER},
        "citycases.decide_extension": {Role.CENTER},
        "citycases.suspend": {Role.CENTER},
        "citycases.verify": {Role.INSPECTOR, Role.CENTER},
        "citycases.close": {Role.CENTER, Role.HOTLINE},
        "citycases.callback": {Role.HOTLINE},
        "citycases.reopen": {Role.CENTER, Role.HOTLINE},
        "citycases.stats": ALL_ROLES,
        "citycases.grids.manage": {Role.ADMIN},
        # --- helper:permits2 --- the case names the permit its matter breaks, or 无证
        "citycases.link_permit": {Role.INSPECTOR, Role.CENTER, Role.HANDLER, Role.OFFICER},
        # --- /helper:permits2 ---
        # PI-1: those who contact the requester — the hotline calling back, the centre checking a
        # report, the department handling the case (it sees only cases dispatched to it).
        "citycases.requester.reveal": {Role.HOTLINE, Role.CENTER, Role.HANDLER},
    }
)
