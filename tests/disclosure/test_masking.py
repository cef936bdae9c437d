from __future__ import annotations

import json
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from chengguan.disclosure import gs1
from chengguan.disclosure.masking import public_record
from chengguan.disclosure.queries import as_csv

digits = st.text(alphabet=string.digits, min_size=1, max_size=1)
id_numbers = st.builds(
    lambda body, last: body + last,
    st.text(alphabet=string.digits, min_size=17, max_size=17),
    st.sampled_from([*list(string.digits), "X"]),
)
phones = st.builds(
    lambda second, rest: "1" + second + rest,
    st.sampled_from("3456789"),
    st.text(alphabet=string.digits, min_size=9, max_size=9),
)
filler = st.text(alphabet="占道经营于人民路东段当事人称联系电话身份证号，。 ", max_size=30)


@settings(max_examples=300, deadline=None)
@given(id_number=id_numbers, phone=phones, before=filler, after=filler)
def test_public_record_never_leaks_a_full_id_number_or_phone(id_number, phone, before, after):
    record = {
        "party_kind": "person",
        "party_name": "张三丰",
        "id_number": id_number,
        "facts": f"{before}身份证号{id_number}{after}，电话{phone}。",
        "penalty_content": f"罚款；联系{phone}",
        "note": id_number,
        "address": "某路1号",
        "phone": phone,
        "decision_number": "示城管罚决字〔2024〕1号",
    }
    out = public_record(record)
    text = json.dumps(out, ensure_ascii=False) + as_csv([out])
    assert id_number not in text
    assert phone not in text
    assert id_number[6:14] not in out["id_number"]  # the birth date is always hidden
    assert "某路1号" not in text
    assert out["party_name"] != "张三丰"


def test_organisation_keeps_its_name_and_credit_code():
    out = public_record(
        {
            "party_kind": "organisation",
            "party_name": "某某餐饮有限公司",
            "credit_code": "91411323MA40000000",
            "legal_representative": "李四",
        }
    )
    assert out["party_name"] == "某某餐饮有限公司"
    assert out["credit_code"] == "91411323MA40000000"


def test_amounts_are_in_wan_yuan():
    from decimal import Decimal

    assert gs1.wan(Decimal("200")) == "0.020000"
    assert gs1.wan(Decimal("12345.67")) == "1.234567"
    assert gs1.wan(None) == "0"
