"""The domain pages show their 文书 (decision 090 item 5): the seizure page, the inspection page and
the permit application page list the kinds with their make-forms and the kept copies, for the
reader's audience only; the inspection of a permit holder shows the licence conditions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client

from chengguan.inspections.models import SupervisedEntity
from tests.documents import subjects
from tests.penalties.helpers import T0, at


def _client(demo: Any, username: str) -> Client:
    client = Client()
    client.force_login(demo.user(username))
    return client


def test_the_seizure_page_offers_its_documents_and_lists_kept_copies(demo):
    s = subjects.seizure(demo)
    officer = _client(demo, "officer1")
    assert officer.post(f"/documents/seizure/{s.pk}/seizure_decision.pdf").status_code == 200
    page = officer.get(f"/penalties/{s.case_id}/seizures/{s.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f'action="/documents/seizure/{s.pk}/seizure_list.docx"' in html
    assert "扣押决定书" in html or "查封（扣押）决定书" in html
    assert f"/documents/seizure/{s.pk}/files/" in html  # the kept copy
    assert "期限未延长" in html  # the extension notice is not yet available, and says why
    # Another bureau and another team do not reach the page at all.
    assert (
        _client(demo, "outsider").get(f"/penalties/{s.case_id}/seizures/{s.pk}/").status_code == 404
    )


def test_the_permit_page_offers_its_documents(demo):
    app = subjects.granted_permit(demo)
    page = _client(demo, "reviewer").get(f"/permits/{app.pk}/")
    assert page.status_code == 200, page.content
    html = page.content.decode()
    assert f'action="/documents/permit/{app.pk}/permit_grant.pdf"' in html
    assert f'action="/documents/permit/{app.pk}/permit_licence.docx"' in html
    assert "由文书模块生成" not in html  # the placeholder is gone


def test_the_inspection_page_offers_its_documents_and_the_holders_licence_conditions(demo):
    i = subjects.rechecked_inspection(demo)
    officer = _client(demo, "officer1")
    html = officer.get(f"/inspections/{i.pk}/").content.decode()
    assert f'action="/documents/inspection/{i.pk}/inspection_notice.pdf"' in html
    assert "持有的行政许可及许可条件" not in html  # the entity holds no permit
    app = subjects.granted_permit(demo)
    SupervisedEntity.objects.filter(pk=i.entity_id).update(credit_code=app.applicant_id)
    with at(T0 + dt.timedelta(days=10)):
        page = officer.get(f"/inspections/{i.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "持有的行政许可及许可条件" in html
    assert app.number in html and "广告设施每半年进行一次安全检测" in html
