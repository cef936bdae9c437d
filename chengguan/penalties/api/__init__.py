"""Penalty-case endpoints (API.md "Penalty cases"): thin wrappers over actions and queries.

Every action answers 200 with the whole case as GET returns it. A case is first looked up through
``queries.case`` so that another bureau's (or another team's) case is a 404 before anything else.

The endpoints live in one module per part of the procedure, all registered on the one ``router`` of
``routing.py``; importing them here registers them, in the order of the published paths.
"""

from __future__ import annotations

# The import order is the order of the published paths in openapi.json, so it is kept by hand.
from chengguan.penalties.api import cases

# isort: split
from chengguan.penalties.api import procedure

# isort: split
from chengguan.penalties.api import execution

# isort: split
from chengguan.penalties.api import stats

# isort: split
from chengguan.penalties.api import correction  # machine (ZL-1)

# isort: split
from chengguan.penalties.api import transfer  # helper:due3 (XF-22/XF-27)

# isort: split
from chengguan.penalties.api import separate  # helper:execution (XF-29.2)

# isort: split
from chengguan.penalties.api.routing import router

__all__ = [
    "cases",
    "correction",
    "execution",
    "procedure",
    "router",
    "separate",
    "stats",
    "transfer",
]

# ninja names an operation after its view's module; keep the operationIds published before the
# split into modules (chengguan_penalties_api_<view>), so generated clients keep their names.
for _path_view in router.path_operations.values():
    for _operation in _path_view.operations:
        _operation.operation_id = _operation.operation_id or (
            "chengguan_penalties_api_" + _operation.view_func.__name__
        )
