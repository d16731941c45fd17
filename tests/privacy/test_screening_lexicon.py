"""Safeguarding concern detection: default lexicon, robust matching, exceptions, custom terms."""

import pytest

from survey_app.privacy.screening import load_default_terms, screen_text
from survey_app.privacy.screening.lexicon import parse_terms


def test_default_lexicon_comes_from_the_data_file():
    terms = load_default_terms()
    assert {"想死", "自杀", "家暴", "离家出走", "kill myself", "bullied"} <= set(terms)
    assert "!被打扰" in terms
    assert not any(term.startswith("#") for term in terms)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("我有时候想死", "想死"),
        ("我 想 死", "想死"),
        ("我想...死", "想死"),
        ("我想😭死", "想死"),
        ("不-想-活", "不想活"),
        ("I want to KILL   MYSELF", "kill myself"),
        ("ｋｉｌｌ ｍｙｓｅｌｆ", "kill myself"),
        ("he abused me", "abus"),
        ("他们经常打我们", "打我"),
        ("他打我的时候我想打电话", "打我"),
    ],
)
def test_concern_terms_match_through_spacing_case_and_width(text, term):
    result = screen_text(text)
    assert result.concern and term in result.concern_terms


@pytest.mark.parametrize(
    "text",
    [
        "下课的时候不想被打扰",
        "公园的厕所没人管理",
        "好久不见，想死你了",
        "有事打我妈妈的电话",
        "我想打我们学校的篮球比赛",
        "我想，死去的金鱼会不会冷",  # a comma ends the clause
        "white meat is tasty",  # "hit me" only as whole words
        "I take a bus to school",  # letters of one word must touch: not "abus*"
        "玩得不想回家",
        "爸爸推我荡秋千",
    ],
)
def test_listed_harmless_phrases_do_not_raise_a_concern(text):
    assert not screen_text(text).concern


def test_custom_terms_replace_the_default_lexicon_but_not_the_rules():
    assert screen_text("我讨厌数学", concern_terms=["讨厌"]).concern_terms == ("讨厌",)
    assert screen_text("我讨厌数学", concern_terms=["讨厌"]).concern_reasons == ("lexicon「讨厌」",)
    assert not screen_text("我想飞", concern_terms=["讨厌"]).concern
    # A lead's list holds local words; it cannot switch off the structured rules.
    for terms in (["讨厌"], []):
        result = screen_text("我想死", concern_terms=terms)
        assert result.concern and result.concern_terms == ()
        assert result.concern_reasons == ("self_harm/wish_to_die「想死」",)


def test_custom_exceptions_and_comments():
    terms = ["# a comment", "  讨厌  ", "!讨厌鬼", "", "!"]
    assert parse_terms(terms) == ["讨厌", "!讨厌鬼"]
    assert not screen_text("你这个讨厌鬼", concern_terms=terms).concern
    assert screen_text("我讨厌他", concern_terms=terms).concern


def test_odd_custom_terms_do_not_break_screening():
    odd = ["*", "(", "[a-z]+", ".*", "\\", "!*", "😭"]
    assert screen_text("我很(开心)😭", concern_terms=odd).concern_terms == ("(", "😭")
    assert not screen_text("abc", concern_terms=odd).concern


def test_concern_and_pii_are_reported_together():
    result = screen_text("有人欺负我，我叫张伟")
    assert result.concern and result.redacted == "有人欺负我，我叫〔姓名〕"
