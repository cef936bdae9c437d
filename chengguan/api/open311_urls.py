"""Open311 GeoReport v2 (plain Django views, written to the spec) — see citycases issue."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
