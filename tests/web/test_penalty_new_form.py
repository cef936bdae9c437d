"""The new-case form after a refusal: every value the user typed comes back, details in Chinese."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal

from django.test import Client

from chengguan.core import clock
from chengguan.core.errors import Invalid, ProcedureError
from chengguan.penalties.models import PenaltyCase
from chengguan.web.errors import detail_label, refusal

CORRECTION = "立即停止占道经营，清理占用的人行道"


def _simple_form(**extra: object) -> dict[str, object]:
    """An on-the-spot fine of 500 yuan for a citizen: over the XF-51 limit of 200."""
    today = clock.today()
    return {
        "procedure": "simple",
        "power_item": "SZ001",
        "facts": "在人民路人行道上擅自摆摊经营水果，占用城市道路约3平方米",
        "act_date": (today - dt.timedelta(days=1)).isoformat(),
        "discovered_date": today.isoformat(),
        "officers": ["officer1", "officer2"],
        "complex_case": "on",
        "party_kind": "person",
        "party_name": "赵某某",
        "party_id_number": "11010519491231002X",
        "party_address": "示范县人民路8号",
        "party_phone": "13900002222",
        "penalty_types": ["fine"],
        "fine_amount": "500",
        "level": "lighter",
        "correction": CORRECTION,
        **extra,
    }


def _checked(body: str, name: str, value: str | None = None) -> bool:
    """Whether the input ``name`` (with ``value``, when given) is rendered ticked."""
    for tag in re.findall(rf'<input[^>]*name="{name}"[^>]*>', body):
        if value is None or f'value="{value}"' in tag:
            return "checked" in tag
    return False


def test_a_refused_onsite_fine_keeps_every_value_the_user_typed(
    web: Callable[[str], Client],
) -> None:
    before = PenaltyCase.objects.count()
    response = web("officer1").post("/penalties/new/", _simple_form())
    body = response.content.decode()
    assert response.status_code == 409, body[:2000]
    assert "XF-51" in body
    assert PenaltyCase.objects.count() == before
    # The decision fields, which are not Django form fields, come back as typed.
    assert re.search(r'<input id="d-fine"[^>]*value="500"', body)
    assert _checked(body, "penalty_types", "fine")
    assert not _checked(body, "penalty_types", "warning")
    assert re.search(r'<option value="lighter" selected>', body)
    assert '<option value="general" selected>' not in body
    assert f">{CORRECTION}</textarea>" in body
    # And so do the case and party fields.
    assert _checked(body, "procedure", "simple") and not _checked(body, "procedure", "general")
    assert _checked(body, "officers", "officer2") and _checked(body, "complex_case")
    for value in ("赵某某", "11010519491231002X", "示范县人民路8号", "13900002222", "SZ001"):
        assert value in body, value
    assert "在人民路人行道上擅自摆摊经营水果" in body


def test_the_refusal_shows_its_details_with_chinese_labels(web: Callable[[str], Client]) -> None:
    body = web("officer1").post("/penalties/new/", _simple_form()).content.decode()
    refusal_box = body[
        body.index('id="refusal"') : body.index("</div>", body.index('id="refusal"'))
    ]
    assert "上限：200" in refusal_box
    assert "limit" not in refusal_box


def test_a_form_error_also_keeps_the_decision_fields(web: Callable[[str], Client]) -> None:
    response = web("officer1").post("/penalties/new/", _simple_form(party_name=""))
    body = response.content.decode()
    assert response.status_code == 400
    assert re.search(r'<input id="d-fine"[^>]*value="500"', body)
    assert f">{CORRECTION}</textarea>" in body


def test_a_fresh_form_starts_with_the_general_level_and_nothing_ticked(
    web: Callable[[str], Client],
) -> None:
    body = web("officer1").get("/penalties/new/").content.decode()
    assert '<option value="general" selected>' in body
    assert not _checked(body, "penalty_types", "fine")
    assert re.search(r'<input id="d-fine"[^>]*value=""', body)


def test_detail_labels_fall_back_to_the_key_and_read_nested_keys() -> None:
    assert detail_label("limit") == "上限"
    assert detail_label("party.name") == "当事人姓名/名称"
    assert detail_label("decision.fine_amount") == "决定罚款金额"
    assert detail_label("something_new") == "something_new"


def test_refusal_details_are_readable_values_in_order() -> None:
    exc = ProcedureError(
        "XF-51",
        "简易程序只能当场作出警告或200元以下罚款",
        details={"limit": "200", "unknown": ["a", "b"], "fine_min": Decimal("50"), "x": {"y": 1}},
    )
    shown = [(f["label"], f["value"]) for f in refusal(exc)["fields"]]
    assert shown == [("上限", "200"), ("不认识的值", "a、b"), ("罚款下限", "50")]
    invalid = refusal(Invalid("输入有误", details={"party.id_number": "校验不通过"}))
    assert invalid["fields"] == [
        {"key": "party.id_number", "label": "当事人公民身份号码", "value": "校验不通过"}
    ]
