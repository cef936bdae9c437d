"""Demo data for the law domain (filled in by that domain's work)."""

from __future__ import annotations

from chengguan.demo.context import DemoContext


def build(ctx: DemoContext) -> None:
    return None
