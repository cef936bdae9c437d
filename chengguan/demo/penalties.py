"""Demo data for the penalties domain (filled in by that domain's work)."""

from __future__ import annotations

from chengguan.demo.context import DemoContext


def build(ctx: DemoContext) -> None:
    return None
