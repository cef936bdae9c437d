from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from chengguan.core import pii

ID_NUMBERS = st.from_regex(r"\A[1-6]\d{5}(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d)\d{3}[\dX]\Z")
PHONES = st.from_regex(r"\A1[3-9]\d{9}\Z")


def test_encryption_round_trips_and_hides_the_value():
    token = pii.encrypt("410323199001011234")
    assert "410323199001011234" not in token
    assert re.fullmatch(r"[0-9a-f]{8}:[A-Za-z0-9_=-]+", token)
    assert pii.decrypt(token) == "410323199001011234"
    assert pii.encrypt("same") != pii.encrypt("same")  # random nonce


def test_blind_index_matches_normalised_values():
    assert pii.blind_index("41032319900101123x") == pii.blind_index(" 41032319900101123X ")
    assert pii.blind_index("a") != pii.blind_index("b")


@given(ID_NUMBERS)
def test_masked_id_number_never_shows_the_birth_date(value: str):
    masked = pii.mask_id_number(value)
    assert value[6:14] not in masked
    assert masked != value
    assert len(masked) == len(value)


@given(PHONES)
def test_masked_phone_hides_the_middle(value: str):
    masked = pii.mask_phone(value)
    assert masked[3:7] == "****"
    assert masked != value


def test_masked_names():
    assert pii.mask_name("张三") == "张*"
    assert pii.mask_name("欧阳娜娜") == "欧***"
