"""Normalised views: NFKC, separators inside numbers, and the map back to the original text."""

import pytest

from survey_app.privacy.screening import screen_text
from survey_app.privacy.screening.normalise import compact_view, find_disallowed_control, normalised_view


def test_full_width_digits_become_ascii_and_map_back():
    view = normalised_view("手机１３８（０）")
    assert view.text == "手机138(0)"
    assert view.to_original(2, 5) == (2, 5)


def test_expanding_characters_keep_their_origin():
    view = normalised_view("㈠ 138")  # ㈠ is NFKC "(一)": three characters from one
    assert view.text == "(一) 138"
    assert view.to_original(0, 3) == (0, 1)
    assert view.to_original(4, 7) == (2, 5)


@pytest.mark.parametrize(
    ("text", "compact"),
    [
        ("138 0013 8000", "13800138000"),
        ("+86-138-0013-8000", "+8613800138000"),
        ("0755 - 1234", "07551234"),
        ("139.3108.5047", "13931085047"),
        ("a - b", "a - b"),  # only between digits
        ("12    34", "12    34"),  # a long gap separates two numbers
        ("12 ", "12 "),
    ],
)
def test_compact_view_removes_separators_inside_numbers(text, compact):
    assert compact_view(normalised_view(text)).text == compact


def test_compact_view_spans_cover_the_original_separators():
    view = compact_view(normalised_view("打 138 0013 8000 吧"))
    start = view.text.index("1")
    assert view.to_original(start, start + 11) == (2, 15)


def test_control_characters_are_found_but_whitespace_is_fine():
    assert find_disallowed_control("a\tb\nc\r\n") is None
    assert find_disallowed_control("a\x00b") == "\x00"
    assert find_disallowed_control("\x1b[31m") == "\x1b"


@pytest.mark.parametrize(
    "text",
    [
        "１３８００１３８０００",
        "138 0013 8000",
        "138-0013-8000",
        "+86 138 0013 8000",
        "(+86)13800138000",
        "008613800138000",
    ],
)
def test_mobile_is_found_in_every_format(text):
    assert screen_text(text).redacted == "〔手机号〕"


def test_x_and_x_and_times_sign_are_one_check_character():
    for check in ("X", "x", "Ｘ", "×"):
        assert screen_text(f"11010519491231002{check}").detected == ("resident_id",)
