"""The three outcomes of the "721" work method (issue #14, decision 083): 服务 / 管理 / 执法.

Kept at the bottom layer because the city cases and the inspections record them at closing and
the reports count them; neither workflow may import the other, and reports sit above both."""

from __future__ import annotations

from django.db import models


class Outcome721(models.TextChoices):
    SERVICE = "service", "服务"
    MANAGEMENT = "management", "管理"
    ENFORCEMENT = "enforcement", "执法"


def parse(value: str | None) -> str:
    """'' (not recorded) or one of the three values; anything else is the caller's 400."""
    value = (value or "").strip()
    if value and value not in Outcome721.values:
        raise ValueError(value)
    return value
