"""Every write of the closed loop: one function per business action (DESIGN.md §2), one module per
sub-area (zulip ``zerver/actions/``): ``intake`` (report, file, reject, merge), ``disposal``
(dispatch to reopen, the requester reveal), ``timing`` (extensions and suspension) and
``administration`` (grids, routing rules, categories). Callers import this package.

Each action: keyword-only arguments with ``actor``; one transaction; the case row locked; scope and
role; the law's checks; the change, whose status moves only through ``citycases.transitions``; a
CaseStep and a ledger entry. A refusal raises and writes nothing.
"""

from __future__ import annotations

from chengguan.citycases.actions.administration import save_category, save_grid, save_routing_rule
from chengguan.citycases.actions.disposal import (
    DISPATCH_KINDS,
    callback,
    close,
    dispatch,
    dispatch_unit,
    handle,
    reopen,
    return_case,
    reveal_requester,
    verify,
)
from chengguan.citycases.actions.intake import (
    CATEGORY_CACHE_SECONDS,
    _point,
    duplicates_near,
    file,
    invalidate_categories,
    locate_grid,
    merge,
    reject,
    report,
)
from chengguan.citycases.actions.timing import decide_extension, request_extension, resume, suspend
from chengguan.org.permissions import grant
from chengguan.org.roles import Role

__all__ = [
    "CATEGORY_CACHE_SECONDS",
    "DISPATCH_KINDS",
    "_point",
    "callback",
    "close",
    "decide_extension",
    "dispatch",
    "dispatch_unit",
    "duplicates_near",
    "file",
    "handle",
    "invalidate_categories",
    "locate_grid",
    "merge",
    "reject",
    "reopen",
    "report",
    "request_extension",
    "resume",
    "return_case",
    "reveal_requester",
    "save_category",
    "save_grid",
    "save_routing_rule",
    "suspend",
    "verify",
]

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
        # PI-1: those who contact the requester — the hotline calling back, the centre checking a
        # report, the department handling the case (it sees only cases dispatched to it).
        "citycases.requester.reveal": {Role.HOTLINE, Role.CENTER, Role.HANDLER},
    }
)
