"""The worklist registry and its sources do not import each other: the sources import the registry
and WebConfig.ready() imports the sources."""

from __future__ import annotations

import ast
from pathlib import Path

import chengguan.web.worklist as worklist


def test_the_registry_imports_no_source() -> None:
    tree = ast.parse(Path(worklist.__file__).read_text(encoding="utf-8"))
    imported = {
        alias.name if isinstance(node, ast.Import) else f"{node.module}.{alias.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not any("worklist_sources" in name for name in imported)


def test_the_sources_are_registered_once_at_start_up() -> None:
    names = [f.__name__ for f in worklist._FACTORIES]
    assert names == ["city_cases", "penalty_cases"]
