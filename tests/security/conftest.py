"""The web page fixtures (a logged-in client, a reportable category and spot) for these tests."""

from tests.web.conftest import category, spot, web

__all__ = ["category", "spot", "web"]
