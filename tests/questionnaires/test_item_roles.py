"""Item roles: background items and quasi-identifiers describe the child, carry no action or scale tag,
are never counted as indicators, and travel through XLSForm export and import."""

import copy

import yaml

from survey_app.questionnaires.loader import parse_definition
from survey_app.questionnaires.xlsform import export_xlsform, import_xlsforms, workbook_bytes
from tests.questionnaires.test_xlsform import CITY, EXAMPLE, _round_trip


def _example():
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


def _first_answered(data):
    return next(item for section in data["sections"] for item in section["items"]
                if item["type"] not in ("note", "consent") and not item.get("practice"))


def test_a_background_item_needs_no_tags_and_is_not_an_indicator():
    data = _example()
    item = _first_answered(data)
    item["role"] = "background"
    item.pop("tags", None)
    instrument, problems = parse_definition(data, "example")
    assert problems == [] and instrument is not None
    parsed = next(i for i in instrument.items if i.code == item["code"])
    assert parsed.role == "background" and not parsed.is_indicator


def test_a_background_item_with_an_action_tag_is_refused_with_a_reason():
    data = _example()
    item = _first_answered(data)
    item["role"] = "quasi_identifier"
    item["tags"] = {"action": "space", "scale": "city", "lundy": "voice"}
    _, problems = parse_definition(data, "example")
    assert any("carries no action or scale tag" in p.message for p in problems)


def test_an_unknown_role_is_refused():
    data = _example()
    _first_answered(data)["role"] = "secret"
    _, problems = parse_definition(data, "example")
    assert any(p.field == "role" for p in problems)


def test_roles_survive_an_xlsform_round_trip():
    data = yaml.safe_load(CITY.read_text(encoding="utf-8"))
    back, problems = _round_trip(data, ["A", "B", "C", "D"])
    assert problems == []
    instrument, parse_problems = parse_definition(back, "round trip")
    assert parse_problems == []
    roles = {item.code: item.role for item in instrument.items}
    assert roles["GENDER"] == "background" and roles["HOME_STREET"] == "quasi_identifier"
    assert roles["S01"] == "indicator"


def test_an_unknown_role_in_a_workbook_is_a_problem_with_its_cell():
    data = yaml.safe_load(CITY.read_text(encoding="utf-8"))
    workbook = export_xlsform(copy.deepcopy(data), "D")
    sheet = workbook["survey"]
    headers = [cell.value for cell in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[headers.index("name")].value == "GENDER")
    row[headers.index("role")].value = "nonsense"
    result = import_xlsforms([("band-D.xlsx", workbook_bytes(workbook))])
    assert any(p.field == "role" and "nonsense" in p.message for p in result.problems)
