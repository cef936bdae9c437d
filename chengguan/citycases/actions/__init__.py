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
    link_permit,  # --- helper:permits2 ---
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
from chengguan.citycases.actions.public_photos import (  # --- helper:portal ---
    MAX_PUBLIC_PHOTOS,
    check_photos,
    report_with_photos,
)
from chengguan.citycases.actions.timing import decide_extension, request_extension, resume, suspend

__all__ = [
    "CATEGORY_CACHE_SECONDS",
    "DISPATCH_KINDS",
    "MAX_PUBLIC_PHOTOS",  # --- helper:portal ---
    "_point",
    "callback",
    "check_photos",  # --- helper:portal ---
    "close",
    "decide_extension",
    "dispatch",
    "dispatch_unit",
    "duplicates_near",
    "file",
    "handle",
    "invalidate_categories",
    "link_permit",  # --- helper:permits2 ---
    "locate_grid",
    "merge",
    "reject",
    "reopen",
    "report",
    "report_with_photos",  # --- helper:portal ---
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
