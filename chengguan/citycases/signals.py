"""Per-process caches (categories, grid index) are dropped when their rows change here; other
processes notice within their short check interval. Cache upkeep only, never business work."""

from __future__ import annotations

from typing import Any

from chengguan.citycases import actions, geo


def invalidate(sender: Any, instance: Any, **kwargs: Any) -> None:
    actions.invalidate_categories()
    geo.invalidate(getattr(instance, "bureau_id", None))
