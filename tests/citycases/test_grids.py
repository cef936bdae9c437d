"""Unit grids (SC-1): the demo lattice, GeoJSON, locate, import-grids, and the routing table."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command
from shapely import unary_union
from shapely.geometry import shape

from chengguan.citycases import actions, geo, routing
from chengguan.citycases.models import Category, Grid
from tests.citycases.conftest import CITY, TOWN


def test_demo_grids_cover_the_area_without_gaps_or_overlaps_sc1(api, demo):
    fc = api("center").get("grids").json()
    assert fc["type"] == "FeatureCollection"
    assert len(fc["features"]) >= 200
    shapes = [shape(f["geometry"]) for f in fc["features"]]
    union = unary_union(shapes)
    assert abs(sum(s.area for s in shapes) - union.area) < 1e-9  # no overlaps
    assert abs(union.area - union.envelope.area) < 1e-9  # no gaps
    for f in fc["features"]:
        code = f["properties"]["code"]
        assert len(code) == 14 and code.isdigit() and code.startswith("411323")
        assert code[6:9] == f["properties"]["street_code"]
        assert code[9:12] == f["properties"]["community_code"]
        assert f["properties"]["unit"] in {"street1", "town1"}


def test_locate_names_grid_community_street_and_unit(api, demo):
    r = api("inspector").get("grids/locate", lon=CITY["lon"], lat=CITY["lat"])
    assert r.status_code == 200
    assert r.json()["street"] == "白羽街道" and r.json()["unit"] == "street1"
    r = api("inspector").get("grids/locate", lon=TOWN["lon"], lat=TOWN["lat"], category="E0501")
    assert r.json()["unit"] == "town1" and r.json()["proposed_unit"] == "town1"


def test_locate_outside_and_malformed_is_400(api, demo):
    r = api("inspector").get("grids/locate", lon=116.4, lat=39.9)
    assert r.status_code == 400 and "location" in r.json()["error"]["details"]
    assert api("inspector").get("grids/locate", lon="x", lat="y").status_code == 400
    assert api("inspector").get("grids/locate").status_code == 400


def test_a_point_on_a_shared_edge_goes_to_the_lowest_grid_id(demo):
    bureau = demo.bureau.pk
    # x = 111.48 is the edge between lattice columns 4 and 5
    edge = geo.locate(bureau, 111.48, 33.2712)
    candidates = [
        g.pk
        for g in Grid.objects.filter(bureau_id=bureau)
        if shape(g.geometry).intersects(shape({"type": "Point", "coordinates": [111.48, 33.2712]}))
    ]
    assert len(candidates) == 2 and edge == min(candidates)


def test_locate_many_agrees_with_locate(demo):
    import numpy as np

    index = geo.index_for(demo.bureau.pk)
    lons = np.array([111.4612, 111.48, 111.5212, 116.4])
    lats = np.array([33.2712, 33.2712, 33.2912, 39.9])
    many = index.locate_many(lons, lats).tolist()
    assert many[:3] == [index.locate(x, y) for x, y in zip(lons[:3], lats[:3], strict=True)]
    assert many[3] == -1


def _feature(code: str, x0: float, y0: float, size: float = 0.01, **props: str) -> dict:
    ring = [[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]
    return {
        "type": "Feature",
        "geometry": {"type": "Polygon", "coordinates": [ring]},
        "properties": {"code": code, **props},
    }


@pytest.fixture
def fresh_index():
    """The grid index is a per-process cache: drop what a rolled-back test put in it."""
    yield
    geo.invalidate()


def test_import_grids_adds_cells_and_the_lookup_sees_them(tmp_path, demo, fresh_index):
    path = tmp_path / "new.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    _feature(
                        "41132300300101",
                        111.60,
                        33.27,
                        street="丁河镇",
                        community="丁河社区",
                        unit="town1",
                    ),
                    _feature(
                        "41132300300102", 111.61, 33.27, street="丁河镇", community="丁河社区"
                    ),
                ],
            }
        ),
        encoding="utf-8",
    )
    assert geo.locate(demo.bureau.pk, 111.605, 33.275) is None
    out = io.StringIO()
    call_command("import-grids", str(path), stdout=out)
    assert "新增 2" in out.getvalue()
    grid = Grid.objects.get(bureau=demo.bureau, code="41132300300101")
    assert grid.street_code == "003" and grid.community_name == "丁河社区"
    assert grid.unit == demo.unit("town1")
    assert geo.locate(demo.bureau.pk, 111.605, 33.275) == grid.pk


@pytest.mark.parametrize(
    "features,message",
    [
        ([_feature("123", 111.6, 33.27)], "网格编码"),
        (
            [_feature("41132300300101", 111.6, 33.27), _feature("41132300300102", 111.605, 33.27)],
            "重叠",
        ),
        ([_feature("41132300300101", 111.6, 33.27, unit="nosuch")], "单位"),
        (
            [
                {
                    "type": "Feature",
                    "properties": {"code": "41132300300101"},
                    "geometry": {"type": "Point", "coordinates": [111.6, 33.27]},
                }
            ],
            "多边形",
        ),
    ],
)
def test_import_grids_refuses_bad_files_and_writes_nothing(
    tmp_path, demo, features, message, fresh_index
):
    path = tmp_path / "bad.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    before = Grid.objects.count()
    with pytest.raises(CommandError, match=message):
        call_command("import_grids", str(path), "--bureau", "demo")
    assert Grid.objects.count() == before


def test_routing_table_events_local_first_components_owner_first(demo):
    cat = {c.code: c for c in Category.objects.filter(bureau=demo.bureau)}
    city_grid = Grid.objects.get(pk=geo.locate(demo.bureau.pk, CITY["lon"], CITY["lat"]))
    town_grid = Grid.objects.get(pk=geo.locate(demo.bureau.pk, TOWN["lon"], TOWN["lat"]))
    assert routing.propose(cat["E0501"], town_grid).code == "town1"
    assert routing.propose(cat["E0501"], city_grid).code == "squad1"
    assert routing.propose(cat["E0106"], city_grid).code == "squad1"
    assert routing.propose(cat["C0201"], town_grid).code == "municipal"  # component: owner
    assert routing.propose(cat["C0104"], city_grid).code == "power_supply"
    # a lower priority number wins over a more specific rule
    actions.save_routing_rule(
        actor=None, bureau=demo.bureau, unit=demo.unit("greening"), kind="event", priority=1
    )
    assert routing.propose(cat["E0501"], town_grid).code == "greening"


def test_auto_dispatch_sends_a_filed_case_to_the_proposed_unit(api, demo, settings):
    settings.LOCAL_RULES = {**settings.LOCAL_RULES, "citycase_auto_dispatch": True}
    r = api("inspector").post(
        "city-cases",
        {"source": "inspection", "category": "E0502", "description": "店外经营", "location": TOWN},
    )
    r = api("center").post(f"city-cases/{r.json()['id']}/file", {})
    assert r.json()["status"] == "dispatched" and r.json()["unit"] == "town1"
    assert [s["action"] for s in r.json()["steps"]] == ["report", "file", "dispatch"]


def test_categories_follow_gbt_30428_2(api, demo):
    items = api("center").get("categories", page_size=200).json()["items"]
    assert len(items) >= 40
    kinds = {(i["kind"], i["major_code"]) for i in items}
    assert {("component", f"0{n}") for n in range(1, 7)} <= kinds
    assert {("event", f"0{n}") for n in range(1, 6)} <= kinds
    names = {i["name"] for i in items}
    for name in (
        "暴露垃圾",
        "道路不洁",
        "占道经营",
        "店外经营",
        "乱张贴",
        "乱堆物料",
        "私搭乱建",
        "路灯",
        "绿地脏乱",
        "施工扬尘",
        "渣土撒漏",
        "户外广告破损",
    ):
        assert name in names
    for i in items:
        assert i["filing_condition"] and i["closing_condition"]
        assert i["limits"]["handle"] >= i["limits"]["handle_urgent"] > 0
        assert i["default_unit"] in {"sanitation", "greening", "municipal", "power_supply"}
