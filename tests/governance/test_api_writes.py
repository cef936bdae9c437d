"""The governance registers written through the API: each write is an action with its ledger entry,
refused for a role without the permission (403), invisible across bureaux (404), and bad input is a
400 naming the field that writes nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from chengguan.governance.models import (
    LawPost,
    MajorDecision,
    NormativeDocument,
    StudyMeeting,
    TrainingParticipant,
    TrainingSession,
)
from chengguan.ledger.models import Entry
from tests.conftest import ApiClient, error_code

Api = Callable[[str | None], ApiClient]

DOCUMENT = {"title": "瓜果季便民临时摊点管理规定", "drafted_on": "2024-03-01"}
DECISION = {
    "year": 2024,
    "title": "城区便民摊点布局规划",
    "basis": "《城市市容和环境卫生管理条例》",
}
TRAINING = {
    "kind": "exam",
    "title": "2024年度执法人员考法测验",
    "held_on": "2024-05-10",
    "location": "局三楼会议室",
    "pass_mark": 60,
    "participants": [
        {"staff": "officer1", "score": 88},
        {"name": "乡镇队员甲", "unit_name": "西坪镇", "score": 59.5},
        {"staff": "officer2"},
    ],
}
POST = {
    "channel": "wechat",
    "title": "垃圾分类新规解读",
    "published_on": "2024-06-01",
    "count": 2,
    "audience": 1200,
}
MEETING = {
    "kind": "leaders_study",
    "topic": "学习新修订的行政处罚法",
    "held_on": "2024-04-12",
    "chair": "张局长",
    "attendees": 14,
    "minutes": "传达学习第五十一条、第五十八条。",
}
# (path, body, a role allowed to create, model)
KINDS: list[tuple[str, dict[str, Any], str, Any]] = [
    ("documents", DOCUMENT, "reviewer", NormativeDocument),
    ("decisions", DECISION, "head", MajorDecision),
    ("trainings", TRAINING, "reviewer", TrainingSession),
    ("posts", POST, "admin", LawPost),
    ("meetings", MEETING, "head", StudyMeeting),
]
MODELS = (
    NormativeDocument,
    MajorDecision,
    TrainingSession,
    TrainingParticipant,
    LawPost,
    StudyMeeting,
)


def counts() -> dict[str, int]:
    out = {m.__name__: m.objects.count() for m in MODELS}
    out["ledger"] = Entry.objects.count()
    return out


def ledger_actions(model: Any, pk: int) -> list[str]:
    subject = f"{model._meta.app_label}.{model._meta.model_name}"
    return list(
        Entry.objects.filter(subject_type=subject, subject_id=str(pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )


def create(api: Api, user: str, kind: str, body: dict[str, Any]) -> dict[str, Any]:
    r = api(user).post(f"governance/{kind}", body)
    assert r.status_code == 201, r.content.decode()
    return dict(r.json())


@pytest.mark.parametrize(("kind", "body", "user", "model"), KINDS, ids=[k[0] for k in KINDS])
def test_each_register_is_created_through_the_api_read_back_and_in_the_ledger(
    api: Api, demo: Any, kind: str, body: dict[str, Any], user: str, model: Any
) -> None:
    row = create(api, user, kind, body)
    assert model.objects.get(pk=row["id"]).bureau_id == demo.bureau.pk
    one = api("center").get(f"governance/{kind}/{row['id']}")
    assert one.status_code == 200
    listed = api("center").get(f"governance/{kind}").json()["items"]
    assert row["id"] in {item["id"] for item in listed}
    title_key = "topic" if kind == "meetings" else "title"
    assert one.json()[title_key] == body[title_key]
    assert len(ledger_actions(model, row["id"])) == 1


def test_training_resolves_staff_by_username_and_counts_who_passed(api: Api, demo: Any) -> None:
    row = create(api, "reviewer", "trainings", {**TRAINING, "target_unit": "brigade"})
    out = api("head").get(f"governance/trainings/{row['id']}").json()
    assert out["participants"] == 3 and out["passed"] == 1
    assert out["target_unit"] == "brigade"
    people = {p["name"]: p for p in out["people"]}
    assert people[demo.user("officer1").display_name]["staff"] == "officer1"
    assert people["乡镇队员甲"]["unit_name"] == "西坪镇"


def test_a_document_goes_review_issue_file_cleanup_and_not_out_of_order(
    api: Api, demo: Any
) -> None:
    doc = create(api, "reviewer", "documents", DOCUMENT)
    path = f"governance/documents/{doc['id']}"
    early = api("head").post(f"{path}/issue", {"issued_on": "2024-03-05", "doc_number": "示1号"})
    assert early.status_code == 409 and error_code(early) == "state"
    # review is the legal office's: the head may not do it
    assert (
        api("head")
        .post(f"{path}/review", {"reviewed_on": "2024-03-02", "opinion": "合法"})
        .status_code
        == 403
    )
    r = api("reviewer").post(f"{path}/review", {"reviewed_on": "2024-03-02", "opinion": "合法"})
    assert r.status_code == 200 and r.json()["status"] == "reviewed"
    r = api("head").post(
        f"{path}/issue", {"issued_on": "2024-03-05", "doc_number": "示城管〔2024〕1号"}
    )
    assert r.status_code == 200 and r.json()["doc_number"] == "示城管〔2024〕1号"
    r = api("reviewer").post(f"{path}/file", {"filed_on": "2024-03-20", "filed_with": "县司法局"})
    assert r.status_code == 200 and r.json()["status"] == "filed"
    r = api("admin").post(f"{path}/cleanup", {"result": "kept", "on": "2024-12-01"})
    assert r.status_code == 200 and r.json()["cleanup"] == "kept"
    assert ledger_actions(NormativeDocument, doc["id"]) == [
        "governance.document.register",
        "governance.document.review",
        "governance.document.issue",
        "governance.document.file",
        "governance.document.cleanup",
    ]


def test_a_decision_needs_legality_review_and_can_be_withdrawn_with_a_reason(
    api: Api, demo: Any
) -> None:
    row = create(api, "head", "decisions", DECISION)
    path = f"governance/decisions/{row['id']}"
    r = api("head").post(
        f"{path}/decide", {"decided_on": "2024-08-01", "steps": ["public_participation"]}
    )
    assert r.status_code == 409 and error_code(r) == "state"
    assert set(r.json()["error"]["details"]["missing"]) == {
        "legality_review",
        "collective_decision",
    }
    r = api("head").post(
        f"{path}/decide",
        {"decided_on": "2024-08-01", "steps": ["legality_review", "collective_decision"]},
    )
    assert r.status_code == 200 and r.json()["status"] == "decided"
    assert api("head").get(path).json()["decided_on"] == "2024-08-01"

    other = create(api, "head", "decisions", {**DECISION, "title": "夜市选址"})
    path = f"governance/decisions/{other['id']}"
    no_reason = api("head").post(f"{path}/withdraw", {"withdrawn_on": "2024-09-01", "reason": " "})
    assert no_reason.status_code == 400 and "reason" in no_reason.json()["error"]["details"]
    r = api("head").post(
        f"{path}/withdraw", {"withdrawn_on": "2024-09-01", "reason": "上级统一规划"}
    )
    assert r.status_code == 200 and r.json()["status"] == "withdrawn"
    entry = Entry.objects.filter(action="governance.decision.withdraw").latest("seq")
    assert json.loads(entry.payload)["reason"] == "上级统一规划"


def test_a_post_and_a_meeting_are_corrected_with_old_and_new_in_the_ledger(
    api: Api, demo: Any
) -> None:
    post = create(api, "admin", "posts", POST)
    r = api("admin").post(f"governance/posts/{post['id']}/update", {"audience": 1500})
    assert r.status_code == 200 and r.json()["audience"] == 1500 and r.json()["count"] == 2
    entry = Entry.objects.filter(action="governance.post.update").latest("seq")
    assert json.loads(entry.payload)["changes"] == {"audience": [1200, 1500]}
    before = Entry.objects.count()
    # nothing really changes: no ledger entry
    assert (
        api("admin").post(f"governance/posts/{post['id']}/update", {"audience": 1500}).status_code
        == 200
    )
    assert Entry.objects.count() == before

    meeting = create(api, "head", "meetings", MEETING)
    r = api("supervisor").post(
        f"governance/meetings/{meeting['id']}/update",
        {"held_on": "2024-04-15", "minutes": "补充：学习第五十二条。"},
    )
    assert r.status_code == 200 and r.json()["held_on"] == "2024-04-15"
    got = api("head").get(f"governance/meetings/{meeting['id']}").json()
    assert got["minutes"] == "补充：学习第五十二条。" and got["topic"] == MEETING["topic"]
    entry = Entry.objects.filter(action="governance.meeting.update").latest("seq")
    assert json.loads(entry.payload)["changes"]["held_on"] == ["2024-04-12", "2024-04-15"]


@pytest.mark.parametrize(
    ("user", "kind", "body"),
    [
        ("officer1", "documents", DOCUMENT),
        ("reviewer", "decisions", DECISION),  # only the head lists a major decision
        ("handler_sanitation", "trainings", TRAINING),
        ("center", "posts", POST),
        ("inspector", "meetings", MEETING),
    ],
)
def test_a_role_without_the_permission_is_refused_and_nothing_is_written(
    api: Api, demo: Any, user: str, kind: str, body: dict[str, Any]
) -> None:
    before = counts()
    r = api(user).post(f"governance/{kind}", body)
    assert r.status_code == 403 and error_code(r) == "forbidden"
    # the action checks the role before the input (a blank title passes the schema, not the action)
    blank = {"topic": "   "} if kind == "meetings" else {"title": "   "}
    r = api(user).post(f"governance/{kind}", {**body, **blank})
    assert r.status_code == 403 and error_code(r) == "forbidden"
    assert counts() == before


def test_a_role_without_the_permission_may_not_correct_or_decide(api: Api, demo: Any) -> None:
    post = create(api, "admin", "posts", POST)
    decision = create(api, "head", "decisions", DECISION)
    before = counts()
    r = api("officer1").post(f"governance/posts/{post['id']}/update", {"title": "改"})
    assert r.status_code == 403
    r = api("reviewer").post(
        f"governance/decisions/{decision['id']}/decide",
        {"decided_on": "2024-08-01", "steps": ["legality_review", "collective_decision"]},
    )
    assert r.status_code == 403
    assert counts() == before


def test_outsider_gets_404_on_every_object_of_bureau_demo(api: Api, demo: Any) -> None:
    rows = {kind: create(api, user, kind, body)["id"] for kind, body, user, _ in KINDS}
    before = counts()
    out = api("outsider")  # a head of the other bureau: it holds the permissions, not the scope
    for kind, pk in rows.items():
        r = out.get(f"governance/{kind}/{pk}")
        assert r.status_code == 404 and error_code(r) == "not_found", kind
    doc = f"governance/documents/{rows['documents']}"
    writes = [
        (f"{doc}/review", {"reviewed_on": "2024-03-02", "opinion": "合法"}),
        (f"{doc}/issue", {"issued_on": "2024-03-05", "doc_number": "邻1号"}),
        (f"{doc}/file", {"filed_on": "2024-03-05", "filed_with": "县司法局"}),
        (f"{doc}/cleanup", {"result": "repealed", "on": "2024-03-05"}),
        (
            f"governance/decisions/{rows['decisions']}/decide",
            {"decided_on": "2024-08-01", "steps": ["legality_review", "collective_decision"]},
        ),
        (
            f"governance/decisions/{rows['decisions']}/withdraw",
            {"withdrawn_on": "2024-08-01", "reason": "无"},
        ),
        (f"governance/posts/{rows['posts']}/update", {"title": "被改"}),
        (f"governance/meetings/{rows['meetings']}/update", {"topic": "被改"}),
    ]
    for path, body in writes:
        r = out.post(path, body)
        assert r.status_code == 404 and error_code(r) == "not_found", path
    assert counts() == before
    # and a training of its own cannot name demo's staff or units
    r = out.post("governance/trainings", {**TRAINING, "participants": [{"staff": "officer1"}]})
    assert r.status_code == 400 and "participants" in r.json()["error"]["details"]
    r = out.post("governance/trainings", {**TRAINING, "participants": [], "target_unit": "town1"})
    assert r.status_code == 400 and "target_unit" in r.json()["error"]["details"]
    assert counts() == before


BAD: list[tuple[str, str, dict[str, Any], str]] = [
    ("reviewer", "documents", {"drafted_on": "2024-03-01"}, "title"),
    ("reviewer", "documents", {**DOCUMENT, "title": "   "}, "title"),
    ("reviewer", "documents", {**DOCUMENT, "title": "长" * 201}, "title"),
    ("reviewer", "documents", {**DOCUMENT, "drafted_on": "2024-02-30"}, "drafted_on"),
    ("head", "decisions", {**DECISION, "year": 1800}, "year"),
    ("head", "decisions", {**DECISION, "basis": "据" * 201}, "basis"),
    ("reviewer", "trainings", {**TRAINING, "kind": "party"}, "kind"),
    ("reviewer", "trainings", {**TRAINING, "pass_mark": 120}, "pass_mark"),
    ("reviewer", "trainings", {**TRAINING, "pass_mark": 60.25}, "pass_mark"),
    ("reviewer", "trainings", {**TRAINING, "pass_mark": "NaN"}, "pass_mark"),
    (
        "reviewer",
        "trainings",
        {**TRAINING, "participants": [{"name": "甲", "score": 101}]},
        "participants.0.score",
    ),
    (
        "reviewer",
        "trainings",
        {**TRAINING, "participants": [{"name": "甲", "score": 88.25}]},
        "participants",
    ),
    (
        "reviewer",
        "trainings",
        {**TRAINING, "participants": [{"unit_name": "西坪镇"}]},
        "participants",
    ),
    ("reviewer", "trainings", {**TRAINING, "participants": [{"staff": "nobody"}]}, "participants"),
    ("reviewer", "trainings", {**TRAINING, "target_unit": "nowhere"}, "target_unit"),
    ("admin", "posts", {**POST, "channel": "tv"}, "channel"),
    ("admin", "posts", {**POST, "audience": -1}, "audience"),
    ("admin", "posts", {**POST, "count": 0}, "count"),
    ("admin", "posts", {**POST, "audience": 10**12}, "audience"),
    ("head", "meetings", {**MEETING, "attendees": "很多"}, "attendees"),
    ("head", "meetings", {**MEETING, "topic": ""}, "topic"),
    ("head", "meetings", {**MEETING, "chair": "主" * 41}, "chair"),
]


@pytest.mark.parametrize(
    ("user", "kind", "body", "field"), BAD, ids=[f"{b[1]}-{b[3]}-{i}" for i, b in enumerate(BAD)]
)
def test_bad_input_is_a_400_naming_the_field_in_chinese_and_writes_nothing(
    api: Api, demo: Any, user: str, kind: str, body: dict[str, Any], field: str
) -> None:
    before = counts()
    r = api(user).post(f"governance/{kind}", body)
    assert r.status_code == 400, r.content.decode()
    err = r.json()["error"]
    assert err["code"] == "invalid"
    assert field in err["details"], err
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err["details"][field] + err["message"])
    assert counts() == before


def test_bad_input_to_the_step_endpoints_writes_nothing(api: Api, demo: Any) -> None:
    doc = create(api, "reviewer", "documents", DOCUMENT)
    decision = create(api, "head", "decisions", DECISION)
    post = create(api, "admin", "posts", POST)
    meeting = create(api, "head", "meetings", MEETING)
    before = counts()
    cases = [
        (
            "reviewer",
            f"governance/documents/{doc['id']}/review",
            {"reviewed_on": "2024-03-02", "opinion": "  "},
            "opinion",
        ),
        (
            "reviewer",
            f"governance/documents/{doc['id']}/review",
            {"opinion": "合法"},
            "reviewed_on",
        ),
        (
            "admin",
            f"governance/documents/{doc['id']}/cleanup",
            {"result": "burnt", "on": "2024-12-01"},
            "result",
        ),
        (
            "head",
            f"governance/decisions/{decision['id']}/decide",
            {"decided_on": "2024-08-01", "steps": ["vote"]},
            "steps.0",
        ),
        ("admin", f"governance/posts/{post['id']}/update", {"title": " "}, "title"),
        ("admin", f"governance/posts/{post['id']}/update", {"channel": "tv"}, "channel"),
        ("head", f"governance/meetings/{meeting['id']}/update", {"attendees": -3}, "attendees"),
    ]
    for user, path, body, field in cases:
        r = api(user).post(path, body)
        assert r.status_code == 400, (path, r.content.decode())
        assert field in r.json()["error"]["details"], (path, r.json())
    r = api("admin").client.post(
        f"/api/v1/governance/posts/{post['id']}/update",
        data="{not json",
        content_type="application/json",
        headers=api("admin").headers,
    )
    assert r.status_code == 400
    assert counts() == before
    assert api("head").get(f"governance/documents/{doc['id']}").json()["status"] == "draft"
