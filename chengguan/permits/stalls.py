"""瓜果季便民临时摊点: the pure parts — the polygon's checks and the allocation of places as a
function of its seed and canonical inputs (as the inspections draw, ``inspections/draw.py``), so
anyone holding the ledger entry (seed + sha256 of the inputs) and the inputs can recompute it.

No model imports: the actions and the reads pass plain values in."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from collections.abc import Sequence
from typing import Any

from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

STALL_KIND_NAME = "便民临时摊点"  # XK-1 names the kind; its code is the bureau's data
METHODS = ("first_come", "lottery")


def polygon_problem(geometry: Any) -> str:
    """'' when ``geometry`` is a valid GeoJSON Polygon/MultiPolygon of positive area, else why."""
    if not isinstance(geometry, dict):
        return "点位范围应为 GeoJSON 对象"
    try:
        geom = shape(geometry)
    except Exception:  # shapely raises several types for malformed GeoJSON
        return "点位范围不是有效的 GeoJSON"
    if geom.geom_type not in {"Polygon", "MultiPolygon"}:
        return "点位范围必须是多边形（Polygon 或 MultiPolygon）"
    if geom.is_empty or not geom.is_valid:
        return "点位范围多边形无效（自相交或为空）"
    if geom.area <= 0:
        return "点位范围面积必须大于零"
    lon0, lat0, lon1, lat1 = geom.bounds
    if not (-180 <= lon0 <= lon1 <= 180 and -90 <= lat0 <= lat1 <= 90):
        return "点位范围的经纬度超出范围"
    return ""


def outside_area(geometry: dict[str, Any], area: Sequence[dict[str, Any]]) -> bool:
    """Whether the polygon leaves the union of the bureau's grids (an empty list: not checkable,
    so never outside)."""
    if not area:
        return False
    union: BaseGeometry = unary_union([shape(g) for g in area])
    # A hair of tolerance: grid edges are rounded to 6 decimals (~0.1 m).
    return not union.buffer(1e-7).covers(shape(geometry))


def contains(geometry: dict[str, Any], lon: float, lat: float) -> bool:
    return bool(shape(geometry).intersects(Point(lon, lat)))


def open_at(
    *,
    season_from: dt.date,
    season_to: dt.date,
    opens_at: dt.time,
    closes_at: dt.time,
    day: dt.date,
    time: dt.time,
) -> bool:
    return season_from <= day <= season_to and opens_at <= time < closes_at


def canonical(inputs: dict[str, Any]) -> str:
    return json.dumps(inputs, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def inputs_hash(inputs: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(inputs).encode("utf-8")).hexdigest()


def allocate(
    method: str, seed: str, applications: Sequence[int], free: Sequence[int]
) -> list[list[int]]:
    """[[application id, place], ...]: never more than the free places.

    First come: ``applications`` in the order given (received day, then id). Lottery: the
    applications sorted first (the order read from the database cannot change the draw), then
    ``random.Random(seed)`` (seeded from the string's SHA-512, the same on every platform)."""
    places = sorted(set(free))
    n = min(len(places), len(applications))
    if method == "lottery":
        chosen = random.Random(seed).sample(sorted(set(applications)), n)
    else:
        chosen = list(applications)[:n]
    return [[app, place] for app, place in zip(chosen, places, strict=False)]


def recompute(seed: str, inputs: dict[str, Any]) -> list[list[int]]:
    return allocate(inputs["method"], seed, inputs["applications"], inputs["free"])
