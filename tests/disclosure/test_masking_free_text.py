"""Issue #12 item 8: the disclosure masked the name column but the facts text still named the
person; whatever the name columns hide is hidden in the free text too."""

from __future__ import annotations

from chengguan.disclosure.masking import public_record


def test_the_facts_do_not_repeat_a_masked_name(settings):
    settings.LOCAL_RULES = {**settings.LOCAL_RULES, "mask_person_name": True}
    record = {
        "party_kind": "person",
        "party_name": "李建设",
        "id_number": "11010519491231002X",
        "facts": "经查，当事人李建设于2024年3月1日在人民路占道经营，电话13800001234。",
        "basis": "《城市市容和环境卫生管理条例》",
    }
    out = public_record(record)
    assert out["party_name"] != "李建设"
    assert "李建设" not in out["facts"] and out["party_name"] in out["facts"]
    assert "13800001234" not in out["facts"]


def test_an_organisation_name_stays_public(settings):
    record = {
        "party_kind": "organisation",
        "party_name": "示范县某某餐饮有限公司",
        "facts": "示范县某某餐饮有限公司未按规定安装油烟净化设施",
    }
    out = public_record(record)
    assert "示范县某某餐饮有限公司" in out["facts"]


def test_a_published_decision_is_no_longer_a_publish_to_do(demo):
    """Issue #15 item 3: 公示 showed as to do after it was done."""
    from chengguan.disclosure import actions as disclosure_actions
    from chengguan.penalties import queries
    from chengguan.penalties.models import PenaltyCase

    case = (
        PenaltyCase.objects.filter(bureau=demo.bureau, decision_kind="penalty")
        .exclude(publish_by=None)
        .exclude(publications__status="published")
        .first()
    )
    assert case is not None and case.decided_on is not None
    import datetime as dt

    from chengguan.core import clock

    day = dt.datetime.combine(case.decided_on + dt.timedelta(days=1), dt.time(10), clock.SHANGHAI)
    with clock.frozen_at(day):
        assert any(n["action"] == "publish" for n in queries.compliance(case)["next"])
        disclosure_actions.publish_decision(actor=demo.user("reviewer"), case_id=case.pk)
        assert not any(n["action"] == "publish" for n in queries.compliance(case)["next"])


def test_the_case_history_shows_the_publication_and_keeps_downloads_apart(demo):
    """Issue #15 item 3: no 公示 line in the history, and 文书 downloads buried the steps."""
    import datetime as dt

    from django.test import Client

    from chengguan.core import clock
    from chengguan.disclosure import actions as disclosure_actions
    from chengguan.penalties.models import PenaltyCase

    case = (
        PenaltyCase.objects.filter(bureau=demo.bureau, decision_kind="penalty")
        .exclude(publish_by=None)
        .exclude(publications__status="published")
        .first()
    )
    assert case is not None and case.decided_on is not None
    day = dt.datetime.combine(case.decided_on + dt.timedelta(days=1), dt.time(10), clock.SHANGHAI)
    client = Client()
    client.force_login(demo.user("reviewer"))
    with clock.frozen_at(day):
        disclosure_actions.publish_decision(actor=demo.user("reviewer"), case_id=case.pk)
        page = client.get(f"/penalties/{case.pk}/").content.decode()
    history = page.split('id="h-timeline"', 1)[1].split("</section>", 1)[0]
    steps = history.split("<details>", 1)[0]
    assert "<strong>公示</strong>" in steps
    assert "制作文书" not in steps and "下载文书" not in steps
