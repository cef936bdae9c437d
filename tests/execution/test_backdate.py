"""TM-2 for the execution dates (decision 090): a 催告 served, a statement received or a notice
posted more than 3 working days before it is entered is a 补记 — refused with TM-2 and nothing
changed, unless the reason and a head who approved it are recorded (then in the ledger entry)."""

from __future__ import annotations

import json

from chengguan.ledger.models import Entry
from tests.execution.helpers import AFTER_PERIOD, DEMAND_ON, demand_body, unperformed
from tests.execution.test_api import _decided, _demanded, refused
from tests.penalties.helpers import D, at

LATE = D(2025, 6, 19)  # five working days after the 催告 served on 2025-06-12


def test_TM_2_a_late_recorded_demand_needs_the_reason_and_the_head(api, demo, powers):
    case, order = unperformed(demo)
    path = f"penalty-cases/{case.pk}/executions"
    with at(LATE):
        r = refused(api, "officer1", path, demand_body(order), case, "TM-2")
        assert "补记" in r.json()["error"]["message"]
        refused(
            api,
            "officer1",
            path,
            demand_body(order, backdate_reason="系统故障当日未录入"),
            case,
            "TM-2",
        )
        # Approved by someone who is not a head: still refused.
        refused(
            api,
            "officer1",
            path,
            demand_body(
                order, backdate_reason="系统故障当日未录入", backdate_approved_by="reviewer"
            ),
            case,
            "TM-2",
        )
        r = api("officer1").post(
            path,
            demand_body(order, backdate_reason="系统故障当日未录入", backdate_approved_by="head"),
        )
        assert r.status_code == 201, r.content
    entry = Entry.objects.filter(action="execution.demand").latest("id")
    late = json.loads(entry.payload)["backdate"]
    assert late == {
        "field": "served_on",
        "date": DEMAND_ON.isoformat(),
        "workdays_before": 5,
        "reason": "系统故障当日未录入",
        "approved_by": "head",
    }


def test_TM_2_a_late_recorded_statement_and_notice(api, demo, powers):
    case, _order, eid = _demanded(api, demo)
    with at(AFTER_PERIOD):
        body = {"received_on": "2025-06-16", "text": "请求宽限"}
        refused(api, "officer1", f"executions/{eid}/statement", body, case, "TM-2")
        r = api("officer1").post(
            f"executions/{eid}/statement",
            {**body, "backdate_reason": "当事人口头陈述，笔录后补", "backdate_approved_by": "head"},
        )
        assert r.status_code == 200, r.content
        recent = api("officer1").post(
            f"executions/{eid}/statement", {"received_on": "2025-06-20", "text": "请求宽限"}
        )
        assert recent.status_code == 200, recent.content  # 1 working day back: no 补记
    assert "backdate" not in json.loads(
        Entry.objects.filter(action="execution.statement").latest("id").payload
    )


def test_TM_2_a_late_recorded_notice(api, demo, powers):
    case, _order, eid = _decided(api, demo)
    body = {"posted_on": "2025-06-24", "place": "违法建筑现场", "demolish_by": "2025-07-04"}
    with at(D(2025, 6, 30)):  # four working days after the posting
        refused(api, "officer1", f"executions/{eid}/notice", body, case, "TM-2")
        r = api("officer1").post(
            f"executions/{eid}/notice",
            {**body, "backdate_reason": "公告当日系统停机", "backdate_approved_by": "head"},
        )
        assert r.status_code == 200, r.content
    late = json.loads(Entry.objects.filter(action="execution.notice").latest("id").payload)
    assert late["backdate"]["field"] == "posted_on" and late["backdate"]["approved_by"] == "head"
