"""The XLSForm corpus: each workbook (in a public KoboToolbox/ODK style) imports or is refused with its reasons,
and import(export(x)) keeps every code, label, choice and rule of what it imported."""

from __future__ import annotations

import csv
import dataclasses
import io

import pytest
import yaml
from pyxform.xls2xform import convert

from survey_app.auth.models import Role
from survey_app.extensions import db
from survey_app.questionnaires.loader import parse_definition
from survey_app.questionnaires.schema import Instrument
from survey_app.questionnaires.services import store_definition
from survey_app.questionnaires.xlsform import MediaFiles, export_xlsform, import_xlsforms, workbook_bytes
from tests.questionnaires.xlsform_corpus.build import corpus

FORMS = {form.name: form for form in corpus()}
REFUSED = ("kobo_household_repeat", "many_problems")


def _import(name: str):
    form = FORMS[name]
    return import_xlsforms([(f"{name}.xlsx", form.workbook())], media=MediaFiles(form.media))


def _items(data: dict) -> dict[str, dict]:
    return {item["code"]: item for section in data["sections"] for item in section["items"]}


def _warned(result, *words: str) -> bool:
    return any(all(word in str(w) for word in words) for w in result.warnings)


def _comparable(instrument: Instrument) -> Instrument:
    sections = tuple(dataclasses.replace(section, items=tuple(
        dataclasses.replace(item, bands={band: dataclasses.replace(bi, relevant_text=None, constraint_text=None)
                                         for band, bi in item.bands.items()})
        for item in section.items)) for section in instrument.sections)
    return dataclasses.replace(instrument, sections=sections)


def test_the_corpus_has_at_least_ten_workbooks_in_public_styles():
    assert len(FORMS) >= 10


#: KoboToolbox's formbuilder rows (begin_score, begin_rank), which KoboToolbox rewrites before pyxform sees them.
KOBO_ONLY = ("kobo_score_and_rank",)


@pytest.mark.parametrize("name", [name for name in FORMS if name not in ("many_problems", *KOBO_ONLY)])
def test_every_corpus_workbook_is_a_valid_xlsform(name):
    """pyxform (what KoboToolbox and ODK run) converts each one, so the corpus is realistic."""
    result = convert(xlsform=FORMS[name].workbook(), warnings=[])
    assert "<h:html" in result.xform


@pytest.mark.parametrize("name", [name for name in FORMS if name not in REFUSED])
def test_corpus_workbook_imports_and_survives_a_round_trip(name):
    result = _import(name)
    assert result.problems == [], [str(p) for p in result.problems]
    original, problems = parse_definition(result.data, name)
    assert problems == []
    books = [(f"{band.id}.xlsx", workbook_bytes(export_xlsform(result.data, band.id))) for band in original.bands]
    again = import_xlsforms(books)
    assert again.problems == [], [str(p) for p in again.problems]
    back, _ = parse_definition(again.data, "again")
    assert _comparable(back) == _comparable(original)
    assert back.scales == original.scales and back.choice_lists == original.choice_lists


@pytest.mark.parametrize("name", [name for name in FORMS if name not in REFUSED])
def test_imported_yaml_is_editable(name):
    """No anchors, our key order, comments where something was dropped, and it reads back the same."""
    result = _import(name)
    text = result.yaml()
    assert "&id" not in text and "*id" not in text
    assert yaml.safe_load(text) == result.data
    keys = [line.split(":")[0] for line in text.splitlines() if line and not line.startswith((" ", "-", "#"))]
    assert keys == ["id", "version", "title", "introduction", "default_optouts", "bands", "scales", "choices",
                    "sections"]


def test_kobo_export_style_maps_tags_limits_and_reports_what_it_drops():
    result = _import("kobo_school_safety")
    data, items = result.data, _items(result.data)
    assert (data["id"], data["version"]) == ("safe-routes-2026", 2026112801)
    assert data["title"] == {"zh": "上学路上安全调查", "en": "Safe Routes to School"}
    assert items["WALK_ALONE"]["tags"] == {"action": "safety", "scale": "street", "lundy": "space"}  # action_area
    assert items["WORRIES"]["max"] == 3 and "constraint" not in items["WORRIES"]
    assert {c["code"] for c in data["choices"][items["WORRIES"]["choices"]] if c.get("exclusive")} == {"none"}
    assert items["SAFE_STORY"]["max_length"] == 150
    assert items["SAFE_STORY"]["relevant"] == "WALK_ALONE = 'yes' and not selected(WORRIES, 'none')"
    assert items["AGE"]["constraint_message"] == {"zh": "Please give an age from 9 to 17",
                                                  "en": "Please give an age from 9 to 17"}
    assert _warned(result, "constraint_message", "English only", "translate")
    assert _warned(result, "required dropped", "rows 7, 8")
    assert _warned(result, "field-list") and _warned(result, "multiline") and _warned(result, "minimal")
    assert _warned(result, "4 metadata row(s) dropped") and _warned(result, "$kuid")
    assert "required dropped" in result.yaml() and "appearance 'minimal' dropped" in result.yaml()


def test_likert_with_face_images_becomes_a_face_scale_that_pools():
    result = _import("odk_likert_faces")
    data, items = result.data, _items(result.data)
    assert items["PARK_SAFE"]["type"] == "scale" and items["PARK_SAFE"]["harmonise"] == "agree_share"
    scale = data["scales"][items["PARK_SAFE"]["scale"]]
    assert scale["key"] == "faces"
    assert [p["face"] for p in scale["points"]] == ["very_sad", "sad", "neutral", "happy", "very_happy"]
    assert [p["code"] for p in scale["points"] if p.get("agree")] == ["4", "5"]
    assert items["PARK_SAFE"]["optouts"] == ["dont_know"]  # "99 Don't know" is an opt-out, not a point
    mood = data["scales"][items["MOOD"]["scale"]]  # face images without likert: a face scale too
    assert [p["face"] for p in mood["points"]] == ["sad", "neutral", "happy"]
    places = {c["code"]: c for c in data["choices"][items["FAVOURITE"]["choices"]]}
    assert places["playground"] == {"code": "playground", "label": {"zh": "游乐场", "en": "Playground"},
                                    "picture": "playground", "image": "playground.png"}
    assert places["library"]["picture"] == "picture" and places["library"]["image"] == "library.jpg"
    assert set(result.media) >= {"face1.png", "sad.png", "playground.png", "library.jpg"}
    assert "riverside.jpg" not in result.media and _warned(result, "riverside.jpg")
    assert data["version"] == 20261128 and _warned(result, "'2026-11-28' read as 20261128")


def test_cascading_select_becomes_one_question_per_earlier_answer():
    result = _import("kobo_cascade")
    items = _items(result.data)
    assert [code for code in items if code.startswith("STREET_") and code != "STREET_IDEA"] == [
        "STREET_FUTIAN", "STREET_LUOHU", "STREET_NANSHAN"]
    assert items["STREET_LUOHU"]["relevant"] == "DISTRICT = 'luohu'"
    assert [c["code"] for c in result.data["choices"][items["STREET_LUOHU"]["choices"]]] == ["dongmen", "guiyuan"]
    assert items["STREET_IDEA"]["relevant"] == "STREET_FUTIAN = 'lianhua' or STREET_FUTIAN = 'nanyuan'"
    assert _warned(result, "became 3 questions")


def test_lists_from_files_and_or_other():
    result = _import("odk_from_file_or_other")
    data, items = result.data, _items(result.data)
    assert [c["code"] for c in data["choices"][items["SCHOOL_TYPE"]["choices"]]] == ["public", "private"]
    assert data["choices"][items["ACTIVITIES"]["choices"]][2] == {"code": "play", "label": {"zh": "在外面玩",
                                                                                            "en": "Play outside"}}
    assert items["SCHOOL_TYPE"]["tags"] == {"action": "safety", "scale": "city", "lundy": "voice"}  # labels as tags
    assert items["ACTIVITIES"]["tags"] == {"action": "participation", "scale": "community", "lundy": "voice"}
    assert data["choices"][items["TRANSPORT"]["choices"]][-1]["code"] == "other"
    assert items["TRANSPORT_OTHER"]["relevant"] == "selected(TRANSPORT, 'other')"
    assert set(result.media) == {"schools.csv", "activities.csv"}


def test_from_file_without_its_file_says_what_to_give():
    form = FORMS["odk_from_file_or_other"]
    result = import_xlsforms([("f.xlsx", form.workbook())])
    messages = [(p.row, p.field, p.message) for p in result.problems]
    assert result.data is None
    assert any(row == 2 and field == "type" and "needs the file schools.csv" in message and "--media" in message
               for row, field, message in messages)


def test_calculations_are_written_into_the_rules_that_use_them():
    result = _import("odk_calculate")
    items = _items(result.data)
    assert items["WORRY_MORE"]["relevant"] == "count(WORRIES) >= 2 and AGE >= 13"
    assert items["TEEN_NOTE"]["relevant"] == "AGE >= 13"
    assert _warned(result, "calculate", "started") and _warned(result, "hidden row dropped")


@pytest.mark.parametrize(("name", "code", "zh"), [
    ("multilingual", "DAYS_OUTSIDE", "上周你有几天在外面玩？"),
    ("unmarked_chinese_label", "LIBRARY_VISITS", "你多久去一次图书馆？"),
    ("legacy_single_colon", "PLAY_STREET", "你在街上玩吗？"),
    ("traditional_chinese", "ASK_ADULTS", "大人會問你的想法嗎？"),
])
def test_language_columns_in_every_style(name, code, zh):
    result = _import(name)
    assert _items(result.data)[code]["text"]["zh"] == zh


def test_other_languages_are_set_aside_with_a_warning():
    result = _import("multilingual")
    assert _warned(result, "Français (fr)", "Español (es)", "set aside")
    assert _items(result.data)["DAYS_OUTSIDE"]["help"] == {"zh": "Count the days", "en": "Count the days"}


def test_old_single_colon_headers_aliases_and_capital_and():
    items = _items(_import("legacy_single_colon").data)
    assert items["PLAY_HOURS"]["relevant"] == "PLAY_STREET = 'yes' and answered(PLAY_STREET)"
    assert items["PLAY_HOURS"]["constraint_message"] == {"zh": "0到40", "en": "From 0 to 40"}


def test_nested_groups_range_decimal_rank_and_long_names():
    result = _import("nested_groups_and_types")
    data, items = result.data, _items(result.data)
    assert [s["id"] for s in data["sections"]] == ["outer", "inner", "outer_2"]
    assert items["HOW_SAFE_DO_YOU_FEEL"]["min"] == 0 and items["HOW_SAFE_DO_YOU_FEEL"]["max"] == 10
    assert items["KM_TO_SCHOOL"]["integer"] is False
    assert items["KM_TO_SCHOOL"]["relevant"] == "HOW_SAFE_DO_YOU_FEEL < 5"  # the long name's reference follows
    assert items["PRIORITIES"]["top"] == 3 and items["READY"]["type"] == "note"
    assert _warned(result, "'how_safe_do_you_feel_walking_home' became the code HOW_SAFE_DO_YOU_FEEL")
    assert _warned(result, "'Yes' -> 'yes'") and _warned(result, "inside group 'outer'")


def test_kobo_score_and_rank_blocks_become_scales_and_a_rank():
    result = _import("kobo_score_and_rank")
    items = _items(result.data)
    assert (items["HEARD"]["type"], items["IDEAS"]["type"]) == ("scale", "scale")
    assert items["HEARD"]["harmonise"] == "agree_share"
    assert items["TOP_CHANGES"]["type"] == "rank" and items["TOP_CHANGES"]["top"] == 2  # two rank__level rows
    assert result.data["sections"][0]["title"] == {"zh": "你有多同意？", "en": "How much do you agree?"}


def test_a_kobo_table_list_is_a_set_of_scales_without_its_header_row():
    result = _import("kobo_table_list")
    items = _items(result.data)
    assert list(items) == ["AT_SCHOOL", "ON_THE_WAY"] and items["AT_SCHOOL"]["type"] == "scale"
    assert _warned(result, "header row of a table")


def test_household_form_is_refused_with_each_reason():
    result = _import("kobo_household_repeat")
    assert result.data is None
    where = {(p.row, p.field): p.message for p in result.problems}
    assert "location" in where[(4, "type")] and "repeats cannot be imported" in where[(5, "type")]
    assert "date" in where[(7, "type")] and "photos" in where[(9, "type")]
    assert {p.field for p in result.problems if p.row is None} == {"action", "scale", "lundy"}


def test_every_mistake_comes_out_in_one_run_at_its_cell():
    result = _import("many_problems")
    assert result.data is None
    found = sorted((p.sheet, p.row, p.field) for p in result.problems)
    assert found == sorted([
        ("settings", 2, "version"),                 # a formula without a saved value
        ("survey", 2, "type"),                      # unknown list
        ("survey", 3, "label::中文 (zh)"),           # no Chinese label
        ("survey", 4, "name"),                      # duplicate name
        ("survey", 5, "relevant"),                  # arithmetic
        ("survey", 6, "type"),                      # geotrace
        ("survey", 7, "relevant"),                  # refers to a later question
        ("survey", 8, "action"),                    # unknown tag
        ("survey", 9, "type"),                      # end_group without begin
        ("survey", 10, "type"),                     # repeat
        ("survey", 10, "type"),                     # ... without an end
    ]), [str(p) for p in result.problems]
    assert all(p.file == "many_problems.xlsx" for p in result.problems)
    later = next(p for p in result.problems if p.row == 7)
    assert "band 'A' is assumed, as the workbook names no band" in later.message


def test_an_imported_likert_scale_reports_pooled_agreement(app, client, login_as, make_session, kiosk_submit):
    result = _import("odk_likert_faces")
    instrument, _ = parse_definition(result.data, "likert")
    version = store_definition(instrument)
    db.session.commit()
    session = make_session(version=version, bands=("A",))
    for answer in ["5", "4", "4", "1", "2", "5", "4", "3", "5", "4", "2", "5"]:
        kiosk_submit(session, "A", {"PARK_SAFE": answer})
    login_as(Role.RESEARCHER)
    text = client.get(f"/results/{version.id}/results.csv").get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text)))
    park = next(row for row in rows if row[0] == "PARK_SAFE")
    # 8 of 12 agree (4 and 5); the page shows them through cell-key perturbation, computed from the stored keys.
    from survey_app.privacy.disclosure.perturbation import perturb
    from tests.reports.test_results import _keys, _shown_share

    agree, everyone = _keys("PARK_SAFE", ["4", "5"]), _keys("PARK_SAFE", ["1", "2", "3", "4", "5"])
    assert (len(agree), len(everyone)) == (8, 12)
    assert park[rows[0].index("respondents")] == str(perturb(12, sum(everyone)))
    assert park[rows[0].index("agree_pooled")] == _shown_share(agree, everyone)
