"""The shipped 我与我的城市 instrument meets the content rules children's surveys need."""

from pathlib import Path

import pytest

from survey_app.questionnaires.loader import read_definition
from survey_app.questionnaires.vocabulary import ACTIONS, SCALES

PATH = Path(__file__).resolve().parents[2] / "questionnaires" / "me-and-my-city" / "instrument.yaml"
INSTRUMENT, PROBLEMS = read_definition(PATH)


def test_it_has_no_problems():
    assert PROBLEMS == []


def test_four_bands_with_assent_in_both_languages():
    assert [(b.id, b.min_age, b.max_age) for b in INSTRUMENT.bands] == [
        ("A", 6, 8), ("B", 9, 11), ("C", 12, 14), ("D", 15, 17)]
    for band in INSTRUMENT.bands:
        assert band.assent["zh"] and band.assent["en"]


def test_at_least_30_items_covering_every_action_and_scale():
    answered = [item for item in INSTRUMENT.items if item.type != "note" and not item.practice]
    indicators = [item for item in answered if item.is_indicator]
    assert len(indicators) >= 30
    assert {item.tags["action"] for item in indicators} == set(ACTIONS)
    assert {item.tags["scale"] for item in indicators} == set(SCALES)


def test_who_the_child_is_is_a_breakdown_not_an_indicator():
    roles = {item.code: item.role for item in INSTRUMENT.items}
    assert roles["GENDER"] == "background" and roles["HOME_STREET"] == "quasi_identifier"
    for item in INSTRUMENT.items:
        if item.role != "indicator":
            assert not {"action", "scale"} & set(item.tags), item.code


def test_youngest_band_is_short_with_faces_and_two_practice_items():
    items = INSTRUMENT.items_for("A")
    counted = [i for i in items if i.stores_answer]
    assert len(counted) <= 10
    assert sum(i.practice for i in items) == 2 and all(i.practice for i in items[:2])
    for item in items:
        if item.scale:
            assert item.scale.key == "faces" and 2 <= len(item.scale.points) <= 3


@pytest.mark.parametrize("band", ["A"])
def test_no_typed_free_text_before_age_nine(band):
    assert not [i.code for i in INSTRUMENT.items_for(band) if i.type == "text"]


def test_every_scale_item_pools_across_bands():
    for item in INSTRUMENT.items:
        if item.type == "scale" and not item.practice:
            assert item.harmonise == "agree_share", item.code
            for band_item in item.bands.values():
                assert any(p.agree for p in band_item.scale.points)
                assert all(p.score is not None for p in band_item.scale.points)
