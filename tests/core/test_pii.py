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


# PA-1: the checksums themselves (GB 11643, GB 32100), independent of any place-code table.

SEVENTEEN = st.builds(
    lambda place, birth, seq: f"{place:06d}{birth:%Y%m%d}{seq:03d}",
    st.integers(0, 999999),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2025, 12, 31)),
    st.integers(0, 999),
)
USCC_BODY = st.text(alphabet=pii.USCC_ALPHABET, min_size=17, max_size=17)


@given(SEVENTEEN)
def test_an_id_number_with_its_check_character_is_valid(first17: str):
    number = first17 + pii.id_check_char(first17)
    assert pii.valid_id_number(number)
    assert pii.id_birth_date(number) == dt.date(
        int(first17[6:10]), int(first17[10:12]), int(first17[12:14])
    )


@given(SEVENTEEN, st.integers(0, 17), st.sampled_from("0123456789X"))
def test_any_single_changed_character_of_an_id_number_fails(first17: str, pos: int, char: str):
    number = first17 + pii.id_check_char(first17)
    if number[pos] == char or (pos < 17 and char == "X"):
        char = str((int(number[pos]) + 1) % 10) if number[pos].isdigit() else "0"
    changed = number[:pos] + char + number[pos + 1 :]
    assert changed != number
    assert not pii.valid_id_number(changed)


def test_known_id_numbers():
    assert pii.valid_id_number("11010519491231002X")  # GB 11643 textbook example
    assert pii.valid_id_number("11010519491231002x")
    assert not pii.valid_id_number("110105194912310021")
    assert not pii.valid_id_number("11010519491231002")  # 17 characters
    # python-stdnum's calc_check_digit wants 18 characters; fed 17 it returns a wrong digit.
    assert pii.id_check_char("41132319900307123") == "4"


@given(USCC_BODY)
def test_a_credit_code_with_its_check_character_is_valid(body: str):
    assert pii.valid_credit_code(body + pii.uscc_check_char(body))


@given(USCC_BODY, st.integers(0, 17), st.sampled_from(pii.USCC_ALPHABET))
def test_any_single_changed_character_of_a_credit_code_fails(body: str, pos: int, char: str):
    code = body + pii.uscc_check_char(body)
    if code[pos] == char:
        char = pii.USCC_ALPHABET[(pii.USCC_ALPHABET.index(char) + 1) % 31]
    changed = code[:pos] + char + code[pos + 1 :]
    assert not pii.valid_credit_code(changed)


def test_credit_code_letters_outside_the_alphabet_fail():
    good = "91411323MA47R8XK1" + pii.uscc_check_char("91411323MA47R8XK1")
    assert pii.valid_credit_code(good)
    assert not pii.valid_credit_code(good[:5] + "I" + good[6:])
