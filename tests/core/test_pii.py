from __future__ import annotations

import datetime as dt
import re

from hypothesis import given
from hypothesis import strategies as st

from chengguan.core import pii

ID_NUMBERS = st.builds(
    lambda place, birth, seq, check: f"{place}{birth:%Y%m%d}{seq:03d}{check}",
    st.integers(110000, 659999),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2025, 12, 31)),
    st.integers(0, 999),
    st.sampled_from("0123456789X"),
)
PHONES = st.builds(lambda n: f"1{n}", st.integers(3000000000, 9999999999))


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
