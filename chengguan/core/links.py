"""Questions one domain answers for another without either importing the other.

``penalties`` may not import ``citycases`` (siblings, independent) nor ``disclosure`` (a higher
layer), yet it needs one fact from each: that a city case of the actor's bureau exists before a
penalty case cites it, and how many publications the period counts. Instead of reaching across with
``apps.get_model`` (a crossing no import tool sees), the domain that knows the answer installs a
function here from its ``AppConfig.ready()`` and the asker calls it by name: both import only
``core``, the bottom layer, and every link is listed in one place (``LINKS``).

An unanswered question raises ``LookupError``, as ``apps.get_model`` did when the app was not
installed, so the asker keeps its fallback unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# name → what the answer is (the domains that ask and answer are named in the installers).
LINKS = {
    "citycases.case_in_bureau": "(bureau_id, city_case_id) → bool: the city case exists there",
    "disclosure.publication_counts": "(bureau_id, Q on published_on) → disclosed, on time",
    # --- helper:inspections2 ---
    # inspections asks citycases (which owns the Grid table) when importing the 名录库.
    "citycases.grid_streets": "(bureau_id) → {grid code: (street name, unit id | None)}",
    # inspections opens a penalty case without importing penalties; installed by the top layer.
    "penalties.open_case": "(actor, **open_case kwargs) → (case id, case number)",
    # --- /helper:inspections2 ---
    # --- helper:stalls ---
    # permits checks a stall point lies in the bureau's area (citycases owns the grids).
    "citycases.grid_geometries": "(bureau_id) → [GeoJSON geometry of each grid]",
    # citycases tells street trading inside an open stall point (permits sits below it).
    "permits.point_open_at": "(bureau_id, lon, lat, aware datetime) → stall point id | None",
    # --- /helper:stalls ---
    # --- helper:permits2 ---
    # citycases proposes an open stall point's managing unit for street trading inside it.
    "permits.point_unit_at": "(bureau_id, lon, lat, aware datetime) → (point id, unit id|None) | None",
    # --- /helper:permits2 ---
    # --- helper:service ---
    # a not-corrected 行政指导 (guidance, below the workflows) opens a city case or an inspection
    # through that workflow's own action; installed by the top layer (web/bridges.py).
    "citycases.open_from": "(actor, record=GuidanceRecord, category, lon?, lat?) → (id, number)",
    "inspections.open_from": "(actor, record=GuidanceRecord, item, officers) → (id, code)",
    # --- /helper:service ---
}

_installed: dict[str, Callable[..., Any]] = {}


def provide(name: str, answer: Callable[..., Any]) -> None:
    """Install the function answering ``name`` (called from the answering app's ``ready()``)."""
    if name not in LINKS:
        raise KeyError(f"unknown link {name!r}: add it to core.links.LINKS")
    _installed[name] = answer


def ask(name: str, *args: Any, **kwargs: Any) -> Any:
    """The answer to ``name``; ``LookupError`` when no installed app answers it."""
    answer = _installed.get(name)
    if answer is None:
        raise LookupError(f"no installed app answers {name!r}")
    return answer(*args, **kwargs)
