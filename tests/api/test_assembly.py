"""chengguan/routers.py mounts every domain's router, each once, and no router mounts another."""

from __future__ import annotations

import importlib
import pkgutil

from ninja import Router

import chengguan
from chengguan.routers import api


def _domain_routers() -> dict[str, Router]:
    found = {}
    for info in pkgutil.iter_modules(chengguan.__path__):
        if not info.ispkg or info.name == "api":
            continue  # chengguan.api is the REST kit, not a domain
        try:
            module = importlib.import_module(f"chengguan.{info.name}.api")
        except ModuleNotFoundError as exc:
            if exc.name != f"chengguan.{info.name}.api":
                raise
            continue
        found[info.name] = module.router
    return found


def test_every_domain_router_is_mounted_once_by_the_assembly() -> None:
    routers = _domain_routers()
    assert {"citycases", "penalties", "governance", "reports"} <= set(routers)
    mounted = [router for _prefix, router in api._routers]
    for name, router in routers.items():
        assert sum(r is router for r in mounted) == 1, name


def test_no_domain_router_mounts_another() -> None:
    for name, router in _domain_routers().items():
        assert router._routers == [], name
