"""行政强制执行 pages of a penalty case (decision 090): the section on the case page, the 催告 form,
each execution's record with its steps as forms and its 文书; a refusal shown with its rule id, the
typed values kept and nothing changed; the case's audience only."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from chengguan.execution.models import Execution
from chengguan.ledger.models import Entry
from tests.execution.helpers import AFTER_PERIOD, DEMAND_ON, PERFORM_BY, unperformed
from tests.penalties.helpers import at


@pytest.fixture
def powers(settings: Any) -> None:
    settings.LOCAL_RULES = {
        **settings.LOCAL_RULES,
        "bureau_execution_powers": {
            "demo": {"demolition": "《中华人民共和国城乡规划法》第六十八条"}
        },
    }


def _client(demo: Any, username: str) -> Client:
    client = Client()
    client.force_login(demo.user(username))
    return client


def _demand(order_pk: int, **over: str) -> dict[str, str]:
    return {
        "kind": "demolition",
        "obligation": "自行拆除人民路东段违法搭建的彩钢棚",
        "correction_id": str(order_pk),
        "served_on": DEMAND_ON.isoformat(),
        "method": "direct",
        "perform_by": PERFORM_BY.isoformat(),
        "way": "当事人自行拆除并清运建筑垃圾",
        "rights_told": "1",
        **over,
    }


def _state() -> tuple[Any, ...]:
    return (list(Execution.objects.order_by("id").values()), Entry.objects.count())


def test_QZ_13_refused_on_the_page_with_the_rule_and_the_typed_values_kept(demo):
    case, order = unperformed(demo)
    officer = _client(demo, "officer1")
    with at(DEMAND_ON):
        html = officer.get(f"/penalties/{case.pk}/").content.decode()
        assert 'id="case-executions"' in html and f"/penalties/{case.pk}/executions/" in html
        listing = officer.get(f"/penalties/{case.pk}/executions/").content.decode()
        assert "应当申请人民法院强制执行" in listing and 'id="action-demand"' in listing
        before = _state()
        r = officer.post(f"/penalties/{case.pk}/executions/new/", _demand(order.pk))
    assert r.status_code == 409
    html = r.content.decode()
    assert "QZ-13" in html and "申请人民法院强制执行" in html
    assert "自行拆除人民路东段违法搭建的彩钢棚</textarea>" in html  # what was typed is kept
    assert _state() == before


def test_the_execution_flow_on_the_pages_with_a_TM_2_refusal(demo, powers):
    case, order = unperformed(demo)
    officer = _client(demo, "officer1")
    with at(DEMAND_ON):
        r = officer.post(f"/penalties/{case.pk}/executions/new/", _demand(order.pk))
        assert r.status_code == 302, r.content.decode()[:2000]
        ex = Execution.objects.get(case=case)
        assert r["Location"] == f"/penalties/{case.pk}/executions/{ex.pk}/"
        page = officer.get(r["Location"]).content.decode()
        assert 'id="execution-record"' in page and "当事人自行拆除并清运建筑垃圾" in page
        assert 'id="action-statement"' in page
        assert f'action="/documents/execution/{ex.pk}/execution_demand.pdf"' in page
        assert "尚未作出行政强制执行决定" in page  # the decision's 文书 waits for its step
        # The head decides but does not record statements: no statement form for the head.
        head_page = _client(demo, "head").get(r["Location"]).content.decode()
        assert 'id="action-statement"' not in head_page and 'id="action-decide"' in head_page
    with at(AFTER_PERIOD):
        before = _state()
        body = {"received_on": "2025-06-16", "text": "彩钢棚系临时堆放货物所用"}
        r = officer.post(f"/penalties/{case.pk}/executions/{ex.pk}/statement/", body)
        assert r.status_code == 409
        html = r.content.decode()
        assert "TM-2" in html and "补记" in html
        assert "彩钢棚系临时堆放货物所用</textarea>" in html
        assert _state() == before
        r = officer.post(
            f"/penalties/{case.pk}/executions/{ex.pk}/statement/",
            {**body, "backdate_reason": "笔录后补", "backdate_approved_by": "head"},
        )
        assert r.status_code == 302
        r = _client(demo, "reviewer").post(
            f"/penalties/{case.pk}/executions/{ex.pk}/review/", {"opinion": "理由不成立，不予采纳"}
        )
        assert r.status_code == 302
        r = _client(demo, "head").post(
            f"/penalties/{case.pk}/executions/{ex.pk}/decide/",
            {
                "reason": "逾期仍不拆除且无正当理由",
                "method": "组织人员强制拆除",
                "scheduled_at": "2025-06-24 10:00",
            },
        )
        assert r.status_code == 302, r.content.decode()[:2000]
    ex.refresh_from_db()
    assert ex.status == "decided" and ex.decision_reason == "逾期仍不拆除且无正当理由"


def test_the_execution_pages_follow_the_case_scope(demo, powers):
    case, order = unperformed(demo)
    with at(DEMAND_ON):
        assert (
            _client(demo, "officer1")
            .post(f"/penalties/{case.pk}/executions/new/", _demand(order.pk))
            .status_code
            == 302
        )
        ex = Execution.objects.get(case=case)
        before = _state()
        for who, status in (("outsider", 404), ("town_officer1", 404)):
            c = _client(demo, who)
            assert c.get(f"/penalties/{case.pk}/executions/").status_code == status, who
            assert c.get(f"/penalties/{case.pk}/executions/{ex.pk}/").status_code == status, who
            r = c.post(f"/penalties/{case.pk}/executions/{ex.pk}/end/", {"reason": "other"})
            assert r.status_code == status, who
        # The reviewer may not end an execution: no form, and a forged POST is refused.
        r = _client(demo, "reviewer").post(
            f"/penalties/{case.pk}/executions/{ex.pk}/end/", {"reason": "other"}
        )
        assert r.status_code == 403
        assert _state() == before
