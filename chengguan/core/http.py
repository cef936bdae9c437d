"""Small HTTP helpers shared by the API routers and the staff pages."""

from __future__ import annotations

from urllib.parse import quote


def content_disposition(name: str) -> str:
    """RFC 6266/5987: an ASCII fallback plus the UTF-8 Chinese name for every current client."""
    suffix = name.rsplit(".", 1)[-1]
    return f"attachment; filename=\"document.{suffix}\"; filename*=UTF-8''{quote(name, safe='')}"
