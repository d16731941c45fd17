"""Check-digit rules: mainland resident ID (GB 11643 / ISO 7064 MOD 11-2), 学籍号 and HKID."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from survey_app.privacy.screening.identifiers import (
    hkid_check_digit,
    is_real_birth_date,
    is_valid_hkid,
    is_valid_resident_id,
    is_valid_student_number,
    resident_id_check_char,
)


def test_standard_example_passes():
    assert resident_id_check_char("11010519491231002") == "X"
    assert is_valid_resident_id("11010519491231002X")
    assert is_valid_resident_id("11010519491231002x")


@pytest.mark.parametrize(
    "value",
    [
        "110105194912310021",  # wrong check character
        "11010519491331002X",  # month 13 (check character recomputed below would not help)
        "1101051949123100",  # too short
        "11010519491231002Y",
        "",
    ],
)
def test_invalid_resident_ids_fail(value):
    assert not is_valid_resident_id(value)


@pytest.mark.parametrize("birth", ["20150230", "20121345", "18991231", "20991201", "20230000"])
def test_impossible_birth_date_fails_even_with_a_correct_checksum(birth):
    body = f"440304{birth}123"
    assert not is_valid_resident_id(body + resident_id_check_char(body))


def test_birth_date_may_not_be_in_the_future():
    assert is_real_birth_date("20200101", today=date(2024, 1, 1))
    assert not is_real_birth_date("20240102", today=date(2024, 1, 1))


@given(
    area=st.integers(110000, 659999),
    born=st.dates(min_value=date(1900, 1, 1), max_value=date.today()),
    sequence=st.integers(0, 999),
)
@settings(max_examples=100)
def test_any_id_with_its_check_character_passes_and_any_other_fails(area, born, sequence):
    body = f"{area}{born:%Y%m%d}{sequence:03d}"
    check = resident_id_check_char(body)
    assert is_valid_resident_id(body + check)
    assert not any(is_valid_resident_id(body + other) for other in "0123456789X" if other != check)


def test_student_numbers():
    assert is_valid_student_number("G11010519491231002X")
    assert is_valid_student_number("j11010519491231002x")
    assert not is_valid_student_number("G110105194912310021")
    assert is_valid_student_number("L123456789012345678")  # temporary: no check character exists
    assert not is_valid_student_number("K11010519491231002X")


def test_hkid_check_digits_computed_by_hand():
    # A123456: 9*36 (padding) + 8*10 (A) + 7*1 + 6*2 + 5*3 + 4*4 + 3*5 + 2*6 = 481; 481 % 11 = 8; 11 - 8 = 3
    assert hkid_check_digit("A", "123456") == "3"
    # G123456: 324 + 8*16 + 77 = 529; 529 % 11 = 1; 11 - 1 = 10 -> "A"
    assert hkid_check_digit("G", "123456") == "A"
    # AB987654: 9*10 + 8*11 + 7*9 + 6*8 + 5*7 + 4*6 + 3*5 + 2*4 = 371; 371 % 11 = 8 -> 3
    assert hkid_check_digit("AB", "987654") == "3"


@pytest.mark.parametrize("value", ["A123456(3)", "A1234563", "a123456(3)", "G123456(A)", "AB987654(3)", "A123456 (3)"])
def test_valid_hkids_pass(value):
    assert is_valid_hkid(value)


@pytest.mark.parametrize("value", ["A123456(4)", "G123456(0)", "123456(3)", "ABC123456(3)", "A12345(3)"])
def test_invalid_hkids_fail(value):
    assert not is_valid_hkid(value)
