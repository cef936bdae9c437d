"""Access to the local legal settings (LEGAL-RULES.md, trust "local")."""

from __future__ import annotations

from typing import Any

from django.conf import settings


def local(name: str) -> Any:
    """The bureau's value for a local rule; a missing name is a programming error, not a default."""
    try:
        return settings.LOCAL_RULES[name]
    except KeyError as exc:  # pragma: no cover - guarded by tests of each caller
        raise KeyError(f"LOCAL_RULES has no setting {name!r}") from exc
