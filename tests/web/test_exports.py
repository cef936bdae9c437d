"""Issue #15 "Exports": every staff list and both stats endpoints as CSV and .xlsx with the page's
filters applied; formula cells neutralised; each export a security event; the same permissions as
the page (docs/api.md)."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from chengguan.citycases.models import CityCase
from chengguan.core.models import SecurityEvent
from chengguan.penalties.models import PenaltyCase
from tests.conftest import error_code


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_city_case_list_exports_what_the_filters_select(demo, web):
    status = CityCase.objects.filter(bureau=demo.bureau).values_list("status", flat=True).first()
    response = web("center").get("/cases/", {"format": "csv", "status": status})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = _csv(response)
    assert rows[0][:3] == ["编号", "来源", "类别"]
    expected = CityCase.objects.filter(bureau=demo.bureau, status=status).count()
    assert len(rows) - 1 == expected
    event = SecurityEvent.objects.filter(kind="data.export").latest("id")
    assert event.username == "center" and "/cases/" in event.detail


def test_the_penalty_list_exports_as_xlsx(demo, web):
    response = web("officer1").get("/penalties/", {"format": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    assert header[0] == "案号" and "罚款金额" in header
    numbers = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    visible = set(PenaltyCase.objects.filter(bureau=demo.bureau).values_list("number", flat=True))
    assert numbers and numbers <= visible


def test_a_formula_typed_into_a_case_stays_text(demo, web):
    case = CityCase.objects.filter(bureau=demo.bureau).first()
    CityCase.objects.filter(pk=case.pk).update(description='=HYPERLINK("http://evil","点我")')
    csv_rows = _csv(web("center").get("/cases/", {"format": "csv", "q": case.number}))
    assert csv_rows[1][3].startswith("'=")
    book = load_workbook(
        io.BytesIO(web("center").get("/cases/", {"format": "xlsx", "q": case.number}).content)
    )
    cell = book.active.cell(row=2, column=4)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_a_wrong_format_is_a_400_in_chinese(demo, web):
    response = web("center").get("/cases/", {"format": "pdfx"})
    assert response.status_code == 400
    assert "导出格式" in response.content.decode()


def test_an_export_follows_the_page_permission(demo, web):
    # the hotline clerk is refused the penalty list, and so its export
    assert web("hotline").get("/penalties/", {"format": "csv"}).status_code == 403
    # another bureau's officer exports nothing of this bureau
    rows = _csv(web("outsider").get("/penalties/", {"format": "csv"}))
    ours = set(PenaltyCase.objects.filter(bureau=demo.bureau).values_list("number", flat=True))
    assert not {r[0] for r in rows[1:]} & ours


@pytest.mark.parametrize(
    ("path", "username"), [("stats/penalties", "head"), ("stats/city-cases", "supervisor")]
)
def test_the_stats_endpoints_export_their_figures(demo, api, path, username):
    figures = api(username).get(path).json()
    response = api(username).get(path, format="xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {r[0]: r[1] for r in sheet.iter_rows(min_row=2, values_only=True)}
    first = next(k for k, v in figures.items() if isinstance(v, int))
    assert rows[first] == figures[first]
    as_csv = _csv(api(username).get(path, format="csv"))
    assert as_csv[0] == ["指标", "数值"] and len(as_csv) - 1 == len(rows)


def test_the_stats_export_is_refused_like_the_figures(demo, api):
    assert api("hotline").get("stats/penalties", format="csv").status_code == 403
    bad = api("head").get("stats/penalties", format="doc")
    assert bad.status_code == 400 and error_code(bad) == "invalid"


def test_the_grid_layer_is_gzipped_and_revalidated(demo, web):
    client = web("center")
    first = client.get("/map/grids.json", HTTP_ACCEPT_ENCODING="gzip")
    assert first.status_code == 200 and first["Content-Encoding"] == "gzip"
    assert first["Cache-Control"] == "private, max-age=300"
    again = client.get("/map/grids.json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and not again.content
    # another bureau's reader has another layer, so another tag
    other = web("outsider").get("/map/grids.json")
    assert other.status_code in (200, 403)
    if other.status_code == 200:
        assert other["ETag"] != first["ETag"]
