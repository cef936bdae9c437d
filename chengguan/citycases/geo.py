"""Point → unit grid (SC-1): a shapely 2 STRtree per bureau, cached per process.

``intersects`` (not ``within``) so a point on an edge shared by two cells still finds a cell; of
several candidates the lowest grid id wins, so the answer never depends on tree order. The cache is
dropped when this process changes grids (signal) and re-checked against the table at most once per
CHECK_SECONDS, so an import in another worker is seen without a restart.
"""

from __future__ import annotations

import math
import os
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely
from django.conf import settings
from django.db.models import Count, Max
from shapely import STRtree
from shapely.geometry import shape

from chengguan.citycases.models import Grid

CHECK_SECONDS = 2.0


def tile_url() -> str:
    """The map tile URL template; empty = a plain background (no outside requests).

    Here, beside the grids, because both the staff pages and the public portal draw the grid map.
    """
    return str(
        getattr(settings, "MAP_TILE_URL", "") or os.environ.get("CHENGGUAN_MAP_TILE_URL", "")
    )


_lock = threading.Lock()


@dataclass
class GridIndex:
    stamp: tuple[Any, ...]
    ids: np.ndarray
    tree: STRtree
    checked_at: float
    # The Grid rows (with their unit) by id, so a lookup costs no query; read-only.
    rows: dict[int, Any] = field(default_factory=dict)

    def locate(self, lon: float, lat: float) -> int | None:
        hits = self.tree.query(shapely.points(lon, lat), predicate="intersects")
        if len(hits) == 0:
            return None
        return int(self.ids[hits].min())

    def locate_many(self, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
        """Grid id per point (-1 where none), lowest id on ties — vectorised."""
        points = shapely.points(lons, lats)
        pairs = self.tree.query(points, predicate="intersects")
        out = np.full(len(points), np.iinfo(np.int64).max, dtype=np.int64)
        np.minimum.at(out, pairs[0], self.ids[pairs[1]])
        out[out == np.iinfo(np.int64).max] = -1
        return out


_indexes: dict[int, GridIndex] = {}


def _stamp(bureau_id: int) -> tuple[Any, ...]:
    row = Grid.objects.filter(bureau_id=bureau_id).aggregate(
        n=Count("id"), m=Max("updated_at"), top=Max("id")
    )
    return (row["n"], row["m"], row["top"])


def build_index(rows: list[tuple[int, dict[str, Any]]], stamp: tuple[Any, ...] = ()) -> GridIndex:
    ids = np.array([pk for pk, _ in rows], dtype=np.int64)
    geoms = [shape(geometry) for _, geometry in rows]
    return GridIndex(stamp=stamp, ids=ids, tree=STRtree(geoms), checked_at=time.monotonic())


def index_for(bureau_id: int) -> GridIndex:
    current = _indexes.get(bureau_id)
    if current is not None and time.monotonic() - current.checked_at < CHECK_SECONDS:
        return current
    stamp = _stamp(bureau_id)
    if current is not None and current.stamp == stamp:
        current.checked_at = time.monotonic()
        return current
    grids = list(Grid.objects.filter(bureau_id=bureau_id).select_related("unit").order_by("id"))
    fresh = build_index([(g.pk, g.geometry) for g in grids], stamp)
    fresh.rows = {g.pk: g for g in grids}
    with _lock:
        _indexes[bureau_id] = fresh
    return fresh


def invalidate(bureau_id: int | None = None) -> None:
    with _lock:
        if bureau_id is None:
            _indexes.clear()
        else:
            _indexes.pop(bureau_id, None)


def locate(bureau_id: int, lon: float, lat: float) -> int | None:
    return index_for(bureau_id).locate(lon, lat)


def valid_polygon(geometry: dict[str, Any]) -> str:
    """'' when ``geometry`` is a valid GeoJSON Polygon/MultiPolygon, else a Chinese reason."""
    try:
        geom = shape(geometry)
    except Exception:  # shapely raises several types for malformed GeoJSON
        return "几何图形不是有效的 GeoJSON"
    if geom.geom_type not in {"Polygon", "MultiPolygon"}:
        return "网格边界必须是多边形（Polygon 或 MultiPolygon）"
    if not geom.is_valid or geom.is_empty:
        return "网格边界多边形无效（自相交或为空）"
    return ""


EARTH_RADIUS_M = 6_371_000.0


def distance_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Haversine distance in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def bbox_degrees(lat: float, radius_m: float) -> tuple[float, float]:
    """(Δlon, Δlat) in degrees that enclose ``radius_m`` around latitude ``lat``."""
    dlat = radius_m / 111_320.0
    dlon = radius_m / (111_320.0 * max(math.cos(math.radians(lat)), 0.01))
    return dlon, dlat
