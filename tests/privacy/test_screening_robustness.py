"""The screener never throws on text a child can type, and refuses what no child types."""

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from survey_app.privacy.screening import MAX_LENGTH, ScreeningRefused, ScreeningResult, screen_text
from survey_app.privacy.screening.normalise import ALLOWED_CONTROLS

#: Characters that drive the detectors down their interesting paths.
TRICKY = st.sampled_from(
    list("0123456789０１２３ -.+()（）xX×@" "栋号楼室单元班年级初高小学中花园村路" "我叫是同学老师王张小想死打被")
    + list("QqWwVx微信电话tel:/〔〕😀\u200d\u0301\n\t")
)


def test_empty_text_gives_an_empty_result():
    assert screen_text("") == ScreeningResult("", (), False, ())


@pytest.mark.parametrize(
    "text", ["😀🎉🚲", "👨‍👩‍👧‍👦", "   ", "\n\t", "مرحبا Привет नमस्ते こんにちは 안녕 我爱深圳", "１２３ＡＢＣ"]
)
def test_unusual_but_typeable_text_passes_through(text):
    assert screen_text(text).redacted == text


def test_html_is_returned_as_plain_text():
    text = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    assert screen_text(text).redacted == text


def test_text_up_to_the_limit_is_screened_and_longer_text_refused():
    screen_text("我" * MAX_LENGTH)
    with pytest.raises(ScreeningRefused, match="too long"):
        screen_text("我" * (MAX_LENGTH + 1))
    with pytest.raises(ScreeningRefused):
        screen_text("x" * 100_000)


@pytest.mark.parametrize("text", ["abc\x00def", "\x07", "\x1b[0m", "ok\x7f", "\ud800"])
def test_binary_input_is_refused_in_plain_english(text):
    with pytest.raises(ScreeningRefused) as refused:
        screen_text(text)
    assert refused.value.args[0].isascii()


def test_non_text_is_refused():
    with pytest.raises(ScreeningRefused):
        screen_text(b"13800138000")  # type: ignore[arg-type]


def test_dense_text_at_the_limit_does_not_crash():
    chunk = "我叫张伟，138 0013 8000，3栋501室，三年级二班，王老师，QQ:123456789，想死。"
    screen_text((chunk * (MAX_LENGTH // len(chunk) + 1))[:MAX_LENGTH])


def _has_disallowed_control(text: str) -> bool:
    return any(unicodedata.category(c) in ("Cc", "Cs") and c not in ALLOWED_CONTROLS for c in text)


@given(st.text(alphabet=st.one_of(TRICKY, st.characters()), max_size=MAX_LENGTH))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_never_throws_on_arbitrary_text(text):
    """Any text either screens, or is refused because it holds control characters."""
    try:
        result = screen_text(text)
    except ScreeningRefused:
        assert _has_disallowed_control(text)
        return
    assert isinstance(result.redacted, str)
    assert list(result.detected) == sorted(set(result.detected))
    if not result.detected:
        assert result.redacted == text
