"""``chengguan import-grids FILE.geojson [--bureau CODE]``: load or update unit grids (SC-1).

Each feature needs ``properties.code`` (14 digits: division + street + community + sequence) and
may carry ``street``/``street_name``, ``community``/``community_name`` and ``unit`` (the responsible
town/street team's unit code). The whole file is checked first and written in one transaction:
a bad feature or two overlapping cells write nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from shapely import STRtree
from shapely.geometry import shape

from chengguan.citycases import actions, geo
from chengguan.core.errors import ChengguanError
from chengguan.org.models import OrgUnit


def _prop(props: dict[str, Any], *names: str) -> str:
    for name in names:
        value = props.get(name)
        if value not in (None, ""):
            return str(value)
    return ""


class Command(BaseCommand):
    help = "从 GeoJSON 文件导入或更新单元网格"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="GeoJSON FeatureCollection 文件")
        parser.add_argument("--bureau", help="机关代码（默认按网格编码前 6 位行政区划代码确定）")

    def handle(self, *args: Any, **opts: Any) -> None:
        path = Path(opts["file"])
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"无法读取 GeoJSON 文件 {path}：{exc}") from exc
        features = data.get("features") if isinstance(data, dict) else None
        if data.get("type") != "FeatureCollection" or not isinstance(features, list):
            raise CommandError("文件不是 GeoJSON FeatureCollection")
        if not features:
            raise CommandError("文件中没有网格")
        specs = [self._spec(i, f) for i, f in enumerate(features, start=1)]
        bureau = self._bureau(opts.get("bureau"), specs[0]["code"])
        units = {u.code: u for u in OrgUnit.objects.filter(bureau=bureau)}
        for spec in specs:
            if spec["unit"] and spec["unit"] not in units:
                raise CommandError(f"网格 {spec['code']}：单位 {spec['unit']} 不存在")
        geoms = [shape(s["geometry"]) for s in specs]
        tree = STRtree(geoms)
        left, right = tree.query(geoms, predicate="overlaps")
        for a, b in zip(left.tolist(), right.tolist(), strict=True):
            if a < b and geoms[a].intersection(geoms[b]).area > 1e-12:
                raise CommandError(
                    f"网格 {specs[a]['code']} 与 {specs[b]['code']} 相互重叠（SC-1）"
                )
        created = updated = 0
        try:
            with transaction.atomic():
                for spec in specs:
                    _, new = actions.save_grid(
                        actor=None,
                        bureau=bureau,
                        code=spec["code"],
                        geometry=spec["geometry"],
                        street_code=spec["street_code"],
                        street_name=spec["street_name"],
                        community_code=spec["community_code"],
                        community_name=spec["community_name"],
                        unit=units.get(spec["unit"]) if spec["unit"] else None,
                    )
                    created, updated = created + new, updated + (not new)
        except ChengguanError as exc:
            detail = "；".join(f"{k}：{v}" for k, v in exc.details.items())
            raise CommandError(f"{exc.message}（{detail}）") from exc
        finally:
            geo.invalidate(bureau.pk)
        self.stdout.write(self.style.SUCCESS(f"已导入网格：新增 {created} 个，更新 {updated} 个"))

    def _spec(self, i: int, feature: Any) -> dict[str, Any]:
        if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
            raise CommandError(f"第 {i} 个要素缺少 properties")
        props = feature["properties"]
        code = _prop(props, "code", "grid_code")
        if not code:
            raise CommandError(f"第 {i} 个要素缺少网格编码 properties.code")
        geometry = feature.get("geometry")
        problem = geo.valid_polygon(geometry) if isinstance(geometry, dict) else "缺少几何图形"
        if problem:
            raise CommandError(f"网格 {code}：{problem}")
        return {
            "code": code,
            "geometry": geometry,
            "street_code": _prop(props, "street_code") or code[6:9],
            "street_name": _prop(props, "street_name", "street"),
            "community_code": _prop(props, "community_code") or code[9:12],
            "community_name": _prop(props, "community_name", "community"),
            "unit": _prop(props, "unit"),
        }

    def _bureau(self, code: str | None, grid_code: str) -> OrgUnit:
        rows = OrgUnit.objects.filter(kind=OrgUnit.Kind.BUREAU)
        rows = rows.filter(code=code) if code else rows.filter(division_code=grid_code[:6])
        found = list(rows[:2])
        if len(found) != 1:
            raise CommandError("无法确定所属机关，请用 --bureau 指定机关代码")
        return found[0]
