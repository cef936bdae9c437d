"""The 案卷 link, the 打印 button and the print stylesheet on the staff case pages (decision 086)."""

from __future__ import annotations

from chengguan.documents.models import Document
from chengguan.ledger.models import Entry
from tests.api.test_case_file_access import squad_case, town_case
from tests.documents.cases import OPENED, at


def test_the_penalty_case_page_links_the_case_file_and_prints_cleanly(web, demo):
    case = squad_case(demo)
    page = web("officer1").get(f"/penalties/{case.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert f'href="/penalties/{case.pk}/case-file.pdf"' in html and "下载完整案卷（PDF）" in html
    assert 'id="print-page"' in html and "window.print()" in html
    assert "web/print.css" in html
    css = web("officer1").get("/static/web/print.css")
    if css.status_code == 200:  # served by whitenoise once collected
        body = b"".join(css.streaming_content) if css.streaming else css.content
        assert b"@media print" in body


def test_the_link_downloads_the_pdf_and_records_the_read(web, demo):
    case = squad_case(demo)
    before = Document.objects.count()
    with at(OPENED):
        r = web("reviewer").get(f"/penalties/{case.pk}/case-file.pdf")
    assert r.status_code == 200, r.content[:300]
    assert r["Content-Type"] == "application/pdf" and r.content.startswith(b"%PDF")
    assert Entry.objects.latest("id").action == "document.case_file"
    assert Document.objects.count() == before
    # and the case page's history names it
    page = web("reviewer").get(f"/penalties/{case.pk}/").content.decode()
    assert "下载完整案卷" in page


def test_the_page_route_refuses_as_the_case_does(web, demo):
    own, town = squad_case(demo), town_case(demo)
    before = Entry.objects.count()
    assert web("town_officer1").get(f"/penalties/{own.pk}/case-file.pdf").status_code == 404
    assert web("handler_sanitation").get(f"/penalties/{own.pk}/case-file.pdf").status_code == 403
    assert web("outsider").get(f"/penalties/{town.pk}/case-file.pdf").status_code in (403, 404)
    anonymous = web(None).get(f"/penalties/{own.pk}/case-file.pdf")
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert Entry.objects.count() == before


def test_the_city_case_page_has_the_print_button(web, demo):
    from chengguan.citycases.models import CityCase

    case = CityCase.objects.filter(bureau=demo.bureau).order_by("id").first()
    assert case is not None
    html = web("center").get(f"/cases/{case.pk}/").content.decode()
    assert 'id="print-page"' in html and "web/print.css" in html
