"""Answers are checked against the band's items: codes, types, sizes, relevance, rules."""

from pathlib import Path

import pytest

from survey_app.questionnaires.answers import AnswersInvalid, clean_answers
from survey_app.questionnaires.loader import read_definition

DEFINITION, _ = read_definition(Path(__file__).parent / "fixtures" / "valid" / "example" / "instrument.yaml")


def places(code, level):
    return (code, level) == ("440304001", "street")


def clean(band, raw):
    return clean_answers(DEFINITION, band, raw, places)


def test_good_answers_are_kept_in_item_order():
    answers = clean("D", {"K03": ["slide", "shade"], "K01": "yes", "K02": "sa", "K04": "  more trees  ",
                          "K05": 3, "K06": "440304001", "K07": ["safe", "play"]})
    assert list(answers) == ["K01", "K02", "K03", "K04", "K05", "K06", "K07"]
    assert answers["K04"] == "more trees" and answers["K05"] == 3


def test_skipping_everything_is_allowed():
    assert clean("A", {}) == {}
    assert clean("D", {"K01": None, "K02": "", "K03": []}) == {}


def test_optout_codes_are_accepted_where_offered():
    assert clean("D", {"K01": "yes", "K02": "_dk"})["K02"] == "_dk"


@pytest.mark.parametrize("band, raw, code, message", [
    ("D", {"K01": "maybe"}, "K01", "not one of the choices"),
    ("D", {"K01": 1}, "K01", "Choose one"),
    ("D", {"K01": "_dk"}, "K01", "not one of the choices"),            # K01 offers no opt-outs
    ("D", {"K01": "no", "K02": "sa"}, "K02", "was not asked"),          # hidden by skip logic
    ("D", {"K02": "sa"}, "K02", "was not asked"),
    ("D", {"K03": ["slide", "ball", "shade", "slide"]}, "K03", "only once"),
    ("D", {"K03": ["slide", "ball", "shade", "nothing"]}, "K03", "at most 3"),
    ("D", {"K03": ["slide", "nothing"]}, "K03", "cannot be combined"),
    ("A", {"K03": ["slide", "ball", "shade"]}, "K03", "at most 2"),
    ("D", {"K03": "pizza"}, "K03", "not one of the choices"),
    ("D", {"K04": "x" * 5001}, "K04", "at most 120"),  # past CUT_LIMIT: not a child typing
    ("D", {"K04": ["list"]}, "K04", "write text"),
    ("D", {"K05": "three"}, "K05", "a number"),
    ("D", {"K05": 2.5}, "K05", "whole number"),
    ("D", {"K05": 8}, "K05", "from 0 to 7"),
    ("D", {"K05": True}, "K05", "a number"),
    ("D", {"K06": "999999999"}, "K06", "from the list"),
    ("D", {"K07": ["safe", "clean", "play"]}, "K07", "at most 2"),
    ("A", {"K04": "text"}, "K04", "not part of this survey"),           # band A has no K04
    ("A", {"PR1": "yes"}, "PR1", "not part of this survey"),            # practice answers are never sent
    ("D", {"ZZ99": "x"}, "ZZ99", "not part of this survey"),
    ("D", {"<script>": "x"}, "<script>", "not part of this survey"),
])
def test_bad_answers_are_refused_with_a_message_per_item(band, raw, code, message):
    with pytest.raises(AnswersInvalid) as caught:
        clean(band, raw)
    assert message in caught.value.errors[code]


def test_not_a_mapping_and_too_many_answers_are_refused():
    with pytest.raises(AnswersInvalid):
        clean("D", ["K01", "yes"])
    with pytest.raises(AnswersInvalid):
        clean("D", {f"X{i}": 1 for i in range(500)})


def test_a_text_past_its_limit_is_cut_and_keeps_the_whole_for_screening():
    sent = "长" * 121
    cleaned = clean("D", {"K04": sent})["K04"]
    assert cleaned == "长" * 120 and cleaned.whole == sent
    assert not hasattr(clean("D", {"K04": "短"})["K04"], "whole")
