"""The serving-bureau rule (citycases/scope.py), asked by the portal and by Open311 alike."""

from __future__ import annotations

from django.test import Client

from chengguan.citycases.models import Category
from chengguan.citycases.scope import serving_bureaus
from chengguan.demo.context import DemoContext
from chengguan.org.models import OrgUnit


def _serve_publicly(bureau: OrgUnit, serve: bool) -> None:
    """Open one public category in ``bureau`` (a copy of the demo bureau's first), or close all."""
    if not serve:
        Category.objects.filter(bureau=bureau).update(public=False)
        return
    if not Category.objects.filter(bureau=bureau, public=True, active=True).exists():
        cat = Category.objects.filter(public=True, active=True).order_by("id").first()
        assert cat is not None
        cat.pk, cat.bureau, cat.default_unit = None, bureau, None
        cat.save()


def test_only_bureaus_with_a_public_active_category_serve(demo: DemoContext) -> None:
    _serve_publicly(demo.other_bureau, False)
    assert serving_bureaus() == [demo.bureau]
    Category.objects.filter(bureau=demo.bureau, public=True).update(active=False)
    assert serving_bureaus() == []


def test_several_serving_bureaus_come_in_code_order(demo: DemoContext) -> None:
    _serve_publicly(demo.other_bureau, True)
    assert serving_bureaus() == sorted([demo.bureau, demo.other_bureau], key=lambda b: b.code)


def test_portal_and_open311_agree_on_one_serving_bureau(demo: DemoContext) -> None:
    _serve_publicly(demo.other_bureau, False)
    client = Client()
    assert demo.bureau.name in client.get("/portal/").content.decode()
    assert client.get("/open311/v2/services.json").status_code == 200


def test_portal_and_open311_both_ask_which_bureau_when_several_serve(demo: DemoContext) -> None:
    _serve_publicly(demo.other_bureau, True)
    client = Client()
    home = client.get("/portal/").content.decode()
    assert demo.bureau.name in home and demo.other_bureau.name in home
    r = client.get("/open311/v2/services.json")
    assert r.status_code == 400
    assert "jurisdiction_id" in r.json()[0]["description"]
