"""XLSForm interop: export converts in pyxform, import(export(x)) == x, bad workbooks fail clearly."""

from __future__ import annotations

import copy
import dataclasses
import io
import zipfile
from pathlib import Path

import click
import openpyxl
import pytest
import yaml
from click.testing import CliRunner
from flask.cli import AppGroup
from pyxform.xls2xform import convert

from survey_app.questionnaires import expressions
from survey_app.questionnaires.loader import parse_definition
from survey_app.questionnaires.problems import DefinitionError
from survey_app.questionnaires.schema import Instrument
from survey_app.questionnaires.xlsform import ImportDefaults, export_xlsform, import_xlsforms, workbook_bytes
from survey_app.questionnaires.xlsform.reading import MAX_BYTES
from survey_app.questionnaires.xlsform.rules import RuleError, decide_band, to_xpath
from survey_app.questionnaires.xlsform.translate import Names, rule_text, to_ours
from survey_app.questionnaires.xlsform.xpath import parse_xpath
from survey_app.questionnaires.xlsform_cli import register

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests/questionnaires/fixtures/valid/example/instrument.yaml"
CITY = ROOT / "questionnaires/me-and-my-city/instrument.yaml"
TAGS = {"action": "space", "scale": "community", "lundy": "voice"}


def _load(path: Path) -> tuple[dict, Instrument]:
    """The raw definition and its Instrument; skips when a definition is missing or not valid yet."""
    if not path.exists():
        pytest.skip(f"{path.name} is not written yet")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    instrument, problems = parse_definition(data, str(path))
    if instrument is None:
        pytest.skip(f"{path} does not parse yet: {problems[0]}")
    return data, instrument


def _round_trip(data: dict, bands: list[str]) -> tuple[dict | None, list]:
    books = [(f"band-{band}.xlsx", workbook_bytes(export_xlsform(data, band))) for band in bands]
    result = import_xlsforms(books)
    return result.data, result.problems


def _names(*codes: str) -> Names:
    return Names(codes={code: code for code in codes})


def rule_from_xpath(tree: list) -> str:
    return rule_text(tree, _names("A", "A1", "B1", "C1", "K01", "O03", "S07", "X"))


def _comparable(instrument: Instrument) -> Instrument:
    """Rule texts may be spelled differently; the parsed trees (kept) are what must match."""
    sections = tuple(dataclasses.replace(section, items=tuple(
        dataclasses.replace(item, bands={band: dataclasses.replace(bi, relevant_text=None, constraint_text=None)
                                         for band, bi in item.bands.items()})
        for item in section.items)) for section in instrument.sections)
    return dataclasses.replace(instrument, sections=sections)


# --- export --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [EXAMPLE, CITY], ids=["example", "me-and-my-city"])
def test_pyxform_converts_every_band(path):
    data, instrument = _load(path)
    for band in instrument.bands:
        warnings: list[str] = []
        result = convert(xlsform=workbook_bytes(export_xlsform(data, band.id)), warnings=warnings)
        assert "<h:html" in result.xform, band.id
        assert warnings == [], band.id


def test_pyxform_converts_consent_notes_decimals_and_decided_band_rules():
    data = _richer()
    data["sections"][1]["items"][-1]["relevant"] = "band = 'D' and answered(K01)"
    for band in ("A", "D"):
        result = convert(xlsform=workbook_bytes(export_xlsform(data, band)), warnings=[])
        assert "<h:html" in result.xform
    note = {band: _rows(export_xlsform(data, band)["survey"])[-2] for band in "AD"}
    assert (note["A"]["relevant"], note["D"]["relevant"]) == ("false()", "${K01} != ''")
    imported, problems = _round_trip(data, ["A", "D"])
    assert problems == []
    bands = parse_definition(imported, "x")[0].item("N01").bands
    assert bands["A"].relevant == expressions.parse("1 = 0")  # never asked in band A, as before
    assert bands["D"].relevant == expressions.parse("answered(K01)")


def test_export_maps_types_rules_and_optouts():
    data, _ = _load(EXAMPLE)
    rows = _rows(export_xlsform(data, "D")["survey"])
    types = {row["name"]: row["type"] for row in rows}
    assert types["K01"] == "select_one visit"
    assert types["K02"] == "select_one agree5_dk_pn"
    assert types["K03"] == "select_multiple park_things_pn"  # "I don't want to answer" on every answerable item
    assert (types["K04"], types["K05"], types["K06"], types["K07"]) == ("text", "integer", "text", "rank priorities_pn")
    by_name = {row["name"]: row for row in rows}
    assert by_name["K02"]["relevant"] == "${K01} = 'yes'"
    assert by_name["K03"]["constraint"] == "count-selected(.) <= 3"
    assert by_name["K05"]["constraint"] == ". <= 7 and . >= 0 and . <= 7"
    assert by_name["K06"]["item_type"] == "place" and by_name["K06"]["level"] == "street"
    choices = _rows(export_xlsform(data, "D")["choices"])
    assert [c["name"] for c in choices if c["list_name"] == "agree5_dk_pn"] == ["sd", "d", "m", "a", "sa", "_dk", "_pn"]


def test_unknown_band_is_refused():
    data, _ = _load(EXAMPLE)
    with pytest.raises(DefinitionError, match="unknown band .Z."):
        export_xlsform(data, "Z")


@pytest.mark.parametrize(("rule", "xpath"), [
    ("K01 = 'yes'", "${K01} = 'yes'"),
    ("selected(S07, 'dark') and not selected(S07, 'safe')",
     "selected(${S07}, 'dark') and not(selected(${S07}, 'safe'))"),
    ("answered(O03) or count(S07) >= 2", "${O03} != '' or count-selected(${S07}) >= 2"),
    (". >= 6 and . <= 17", ". >= 6 and . <= 17"),
    ("A1 = 1 and (B1 = 2 or C1 != 'x')", "${A1} = 1 and (${B1} = 2 or ${C1} != 'x')"),
    ("A1 = 1 and (B1 = 2 and C1 = 3)", "${A1} = 1 and (${B1} = 2 and ${C1} = 3)"),
    ("not (A1 = 1 or B1 = 0.5)", "not(${A1} = 1 or ${B1} = 0.5)"),
])
def test_rules_become_xpath_and_come_back(rule, xpath):
    tree = expressions.parse(rule)
    assert to_xpath(tree) == xpath
    assert expressions.parse(rule_from_xpath(parse_xpath(xpath))) == tree


def test_band_rules_are_decided_per_workbook():
    tree = expressions.parse("answered(O03) or band = 'D'")
    assert decide_band(tree, "D") is True
    assert decide_band(tree, "A") == ["call", "answered", "O03"]
    assert decide_band(expressions.parse("band != 'A' and O03 = 'x'"), "A") is False
    with pytest.raises(RuleError):
        decide_band(expressions.parse("band = O03"), "A")


def test_band_rule_round_trips_to_each_bands_meaning():
    data, _ = _load(EXAMPLE)
    data = copy.deepcopy(data)
    k03 = data["sections"][1]["items"][2]
    k03["relevant"] = "answered(K01) or band = 'D'"
    rows = {band: {r["name"]: r for r in _rows(export_xlsform(data, band)["survey"])} for band in "AD"}
    assert rows["A"]["K03"]["relevant"] == "${K01} != ''" and rows["D"]["K03"]["relevant"] is None
    imported, problems = _round_trip(data, ["A", "D"])
    assert problems == []
    item = parse_definition(imported, "x")[0].item("K03")
    assert item.bands["A"].relevant == ["call", "answered", "K01"] and item.bands["D"].relevant is None


@pytest.mark.parametrize("xpath", ["${A} + 1 > 2", "string-length(${A}) > 3", "${A} = 'x' = 'y'", "/data/A = 1",
                                   "selected(${A})", "${A} = "])
def test_xpath_we_cannot_read_is_refused(xpath):
    with pytest.raises(RuleError):
        rule_from_xpath(parse_xpath(xpath))


def test_xpath_idioms_become_our_calls():
    assert to_ours(parse_xpath("${A} = '' or true()"), _names("A")) == [
        "or", ["not", ["call", "answered", "A"]], ["cmp", "=", ["lit", 1], ["lit", 1]]]


# --- round trip ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [EXAMPLE, CITY], ids=["example", "me-and-my-city"])
def test_import_of_export_is_the_same_instrument(path):
    data, original = _load(path)
    imported, problems = _round_trip(data, [band.id for band in original.bands])
    assert problems == []
    instrument, problems = parse_definition(imported, "imported")
    assert problems == []
    for band in original.bands:
        assert [bi.code for bi in instrument.items_for(band.id)] == [bi.code for bi in original.items_for(band.id)]
    assert instrument.scales == original.scales and instrument.choice_lists == original.choice_lists
    assert instrument.bands == original.bands
    assert _comparable(instrument) == _comparable(original)


def test_round_trip_of_every_setting():
    """Consent, notes, decimals, read-aloud text, opt-outs on text, a list named like a scale, and an item
    order that only the position column can restore."""
    data = _richer()
    original, problems = parse_definition(data, "richer")
    assert problems == []
    imported, problems = _round_trip(data, ["D", "A"])  # file order does not matter
    assert problems == []
    assert _comparable(parse_definition(imported, "imported")[0]) == _comparable(original)
    assert [item.code for item in original.items] == ["PR1", "C01", "K01", "K02", "K03", "K04", "K08", "K05", "K06",
                                                      "K07", "N01"]


def test_one_band_imports_alone():
    data, original = _load(EXAMPLE)
    imported, problems = _round_trip(data, ["D"])
    assert problems == []
    instrument = parse_definition(imported, "d")[0]
    assert [b.id for b in instrument.bands] == ["D"]
    assert instrument.items_for("D") == original.items_for("D")


# --- bad input -----------------------------------------------------------------------------------------------


def _example_book(change=None, band: str = "D") -> bytes:
    data, _ = _load(EXAMPLE)
    workbook = export_xlsform(data, band)
    if change:
        change(workbook)
    return workbook_bytes(workbook)


def _set(workbook, code: str, column: str, value) -> None:
    sheet = workbook["survey"]
    headers = [cell.value for cell in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[headers.index("name")].value == code)
    row[headers.index(column)].value = value


def _rename_survey(workbook) -> None:
    workbook["survey"].title = "questions"


def _zip_without_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    return buffer.getvalue()


@pytest.mark.parametrize(("content", "item", "field", "message"), [
    (lambda: _example_book(_rename_survey), None, "", "no survey sheet"),
    (lambda: _example_book(lambda w: _set(w, "K04", "type", "geopoint")), "K04", "type",
     "geopoint questions cannot be imported"),
    (lambda: _example_book(lambda w: _set(w, "K07", "type", "rank nolist")), "K07", "type", "no choice list 'nolist'"),
    (lambda: _example_book(lambda w: _set(w, "K04", "name", "K03")), "K03", "name", "is used twice"),
    (lambda: _example_book(lambda w: _set(w, "K04", "label::English (en)", None)), "K04", "label::English (en)",
     "no English label"),
    (lambda: _example_book(lambda w: _set(w, "K02", "relevant", "${K01} + 1 > 2")), "K02", "relevant",
     "cannot keep relevant"),
    (lambda: b"hello, I am a text file", None, "", "not an .xlsx workbook"),
    (_zip_without_workbook, None, "", "not a readable .xlsx workbook"),
    (lambda: b"PK" + b"0" * MAX_BYTES, None, "", "larger than 5 MB"),
], ids=["no-survey", "unknown-type", "unknown-list", "duplicate-name", "no-english", "bad-relevant", "not-xlsx",
        "zip-not-xlsx", "too-large"])
def test_bad_workbook_gives_one_precise_problem_and_no_data(content, item, field, message):
    result = import_xlsforms([("bad.xlsx", content())])
    data, problems = result.data, result.problems
    assert data is None
    assert len(problems) == 1, [str(p) for p in problems]
    problem = problems[0]
    assert (problem.file, problem.item, problem.field) == ("bad.xlsx", item, field)
    assert message in problem.message


def test_missing_english_column_is_one_problem():
    def drop_english(workbook) -> None:
        workbook["survey"].delete_cols([c.value for c in workbook["survey"][1]].index("label::English (en)") + 1)

    result = import_xlsforms([("bad.xlsx", _example_book(drop_english))])
    assert result.data is None
    assert [(p.sheet, p.row, p.item, p.field) for p in result.problems] == [("survey", 1, None, "label::English (en)")]


def test_the_same_band_twice_is_refused():
    book = _example_book()
    result = import_xlsforms([("one.xlsx", book), ("two.xlsx", book)])
    assert result.data is None
    assert [(p.file, p.sheet, p.field) for p in result.problems] == [("two.xlsx", "settings", "band")]


def test_a_checker_problem_blocks_the_import():
    book = _example_book(lambda w: _set(w, "K05", "relevant", "${K07} = 'safe'"))  # K07 comes later
    result = import_xlsforms([("late.xlsx", book)])
    assert result.data is None
    assert any(p.item == "K05" and "not an earlier item" in p.message and (p.sheet, p.field) == ("survey", "relevant")
               for p in result.problems)


# --- a plain KoboToolbox form --------------------------------------------------------------------------------


def _kobo_book(label_en: str = "label::English", default_language: str = "English") -> bytes:
    workbook = openpyxl.Workbook()
    survey = workbook.active
    survey.title = "survey"
    for row in (
        ["type", "name", label_en, "label::Chinese (zh)", "hint::English", "hint::zh", "relevant", "constraint",
         "required", "appearance"],
        ["start", "start"], ["end", "end"],
        ["begin group", "about", "About the park", "关于公园"],
        ["select_one yes_no", "likes", "Do you like the park?", "你喜欢公园吗？", None, None, None, None, "yes"],
        ["integer", "visits", "How many visits?", "去了几次？", "Count them", "数一数", "${likes} = 'yes'",
         ". >= 0 and . <= 20"],
        ["select_multiple things", "wants", "What do you want?", "你想要什么？", None, None,
         "selected(${likes}, 'yes') and ${visits} != ''", "count-selected(.) <= 2", None, "minimal"],
        ["note", "thanks", "Thank you!", "谢谢！"],
        ["end group"],
    ):
        survey.append(row)
    choices = workbook.create_sheet("choices")
    for row in (["list_name", "name", label_en, "label::Chinese (zh)"], ["yes_no", "yes", "Yes", "是"],
                ["yes_no", "no", "No", "不是"], ["things", "swings", "Swings", "秋千"],
                ["things", "trees", "Trees", "树"], ["things", 3, "Toilets", "厕所"]):
        choices.append(row)
    settings = workbook.create_sheet("settings")
    settings.append(["form_title", "form_id", "version", "default_language"])
    settings.append(["Park survey", "park_survey", "2", default_language])
    return workbook_bytes(workbook)


def test_a_plain_kobo_form_imports_with_defaults():
    defaults = ImportDefaults(band="B", ages=(9, 11), tags=TAGS)
    result = import_xlsforms([("kobo.xlsx", _kobo_book())], defaults)
    data, problems = result.data, result.problems
    assert problems == []
    assert (data["id"], data["version"]) == ("park-survey", 2)
    assert data["title"] == {"zh": "Park survey", "en": "Park survey"}
    assert data["bands"][0]["id"] == "B" and data["bands"][0]["ages"] == [9, 11]
    items = {item["code"]: item for item in data["sections"][0]["items"]}
    assert data["sections"][0]["id"] == "about"
    assert list(items) == ["LIKES", "VISITS", "WANTS", "THANKS"]  # ODK names become upper-case codes
    assert items["LIKES"]["type"] == "single" and items["LIKES"]["tags"] == TAGS
    assert items["VISITS"]["relevant"] == "LIKES = 'yes'" and items["VISITS"]["constraint"] == ". >= 0 and . <= 20"
    assert items["VISITS"]["help"] == {"zh": "数一数", "en": "Count them"}
    assert items["WANTS"]["max"] == 2 and "constraint" not in items["WANTS"]
    assert items["WANTS"]["relevant"] == "selected(LIKES, 'yes') and answered(VISITS)"
    assert [c["code"] for c in data["choices"]["things"]] == ["swings", "trees", "3"]
    assert "tags" not in items["THANKS"]


def test_a_plain_kobo_form_without_tags_says_once_per_tag_what_to_add():
    result = import_xlsforms([("kobo.xlsx", _kobo_book())])
    assert result.data is None
    assert {(p.sheet, p.item, p.field) for p in result.problems} == {
        ("survey", None, tag) for tag in ("action", "scale", "lundy")}
    assert all(f"--{p.field}" in p.message and "column" in p.message for p in result.problems)


def test_a_question_without_a_tag_is_named_at_its_row():
    def tag_some(workbook) -> None:
        sheet = workbook["survey"]
        sheet["K1"], sheet["L1"], sheet["M1"] = "action_area", "spatial_scale", "lundy"
        for row in (5, 6):
            sheet[f"K{row}"], sheet[f"L{row}"], sheet[f"M{row}"] = "Child safety", "城市", "Voice"

    workbook = openpyxl.load_workbook(io.BytesIO(_kobo_book()))
    tag_some(workbook)
    result = import_xlsforms([("kobo.xlsx", workbook_bytes(workbook))])
    assert {(p.row, p.item, p.field) for p in result.problems} == {(7, "WANTS", tag) for tag in ("action", "scale",
                                                                                                   "lundy")}


@pytest.mark.parametrize(("label_en", "default_language"), [("label::English (en)", None), ("label", "English (en)"),
                                                             ("label::en", "中文")])
def test_language_header_variants(label_en, default_language):
    result = import_xlsforms([_kobo_book(label_en, default_language)], ImportDefaults(tags=TAGS))
    data, problems = result.data, result.problems
    assert problems == []
    assert data["sections"][0]["items"][0]["text"] == {"zh": "你喜欢公园吗？", "en": "Do you like the park?"}


# --- command line --------------------------------------------------------------------------------------------


@pytest.fixture
def cli() -> click.Group:
    group = click.Group("questionnaires")
    register(group)
    return group


def test_cli_exports_and_imports(cli, tmp_path):
    runner = CliRunner()
    folder = EXAMPLE.parent
    for band in "AD":
        output = str(tmp_path / f"{band}.xlsx")
        result = runner.invoke(cli, ["export-xlsform", str(folder), "--band", band, "-o", output])
        assert result.exit_code == 0, result.output
    out = tmp_path / "park-check" / "instrument.yaml"
    result = runner.invoke(cli, ["import-xlsform", str(tmp_path / "A.xlsx"), str(tmp_path / "D.xlsx"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    written, _ = parse_definition(yaml.safe_load(out.read_text(encoding="utf-8")), str(out))
    assert _comparable(written) == _comparable(_load(EXAMPLE)[1])
    again = runner.invoke(cli, ["import-xlsform", str(tmp_path / "A.xlsx"), "-o", str(out)])
    assert again.exit_code != 0 and "--force" in again.output


def test_cli_finds_an_instrument_by_its_folder_name(app, tmp_path):
    app.config["QUESTIONNAIRES_DIR"] = str(EXAMPLE.parent.parent)
    group = AppGroup("questionnaires")
    register(group)
    output = tmp_path / "a.xlsx"
    result = app.test_cli_runner().invoke(group, ["export-xlsform", "example", "--band", "A", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(output).sheetnames == ["survey", "choices", "settings"]


def test_cli_writes_nothing_when_there_are_problems(cli, tmp_path):
    bad = tmp_path / "kobo.xlsx"
    bad.write_bytes(_kobo_book())
    out = tmp_path / "new" / "instrument.yaml"
    result = CliRunner().invoke(cli, ["import-xlsform", str(bad), "-o", str(out)])
    assert result.exit_code != 0
    assert "kobo.xlsx: survey sheet, column action: no question has an action tag" in result.output
    assert not out.exists()
    result = CliRunner().invoke(cli, ["import-xlsform", str(bad), "-o", str(out), "--action", "space", "--scale",
                                      "city", "--lundy", "voice", "--band", "C", "--ages", "12-14"])
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["bands"][0]["ages"] == [12, 14]


# --- helpers -------------------------------------------------------------------------------------------------


def _rows(sheet) -> list[dict]:
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=False)) for row in values[1:]]


def _richer() -> dict:
    data, _ = _load(EXAMPLE)
    data = copy.deepcopy(data)
    text = {"zh": "文字", "en": "Words"}
    data["choices"]["go_on"] = [{"code": "yes", "label": {"zh": "好", "en": "OK"}},
                                {"code": "no", "label": {"zh": "不", "en": "No"}}]
    data["choices"]["faces3"] = [{"code": "up", "label": {"zh": "上", "en": "Up"}},
                                 {"code": "down", "label": {"zh": "下", "en": "Down"}}]
    items = data["sections"][1]["items"]
    items.insert(0, {"code": "C01", "type": "consent", "choices": "go_on", "text": text, "bands": {"A": {}, "D": {}}})
    by_code = {item["code"]: item for item in items}
    by_code["K02"]["bands"]["A"]["read_aloud"] = {"zh": "听", "en": "Listen"}
    by_code["K04"]["optouts"] = ["dont_know"]
    by_code["K05"].update(integer=False, min=0.5)
    items.insert(5, {"code": "K08", "type": "single", "choices": "faces3", "tags": TAGS, "text": text,
                     "optouts": ["not_applicable"], "bands": {"A": {}}})
    items.append({"code": "N01", "type": "note", "text": text, "bands": {"A": {}, "D": {"text": {"zh": "谢",
                                                                                                 "en": "Thanks"}}}})
    return data


def test_flask_cli_exports_and_imports_the_shipped_instrument(runner, tmp_path):
    """The commands are wired into `flask questionnaires`."""
    out_b, out_d = tmp_path / "b.xlsx", tmp_path / "d.xlsx"
    for band, out in (("B", out_b), ("D", out_d)):
        args = ["questionnaires", "export-xlsform", "me-and-my-city", "--band", band, "-o", str(out)]
        result = runner.invoke(args=args)
        assert result.exit_code == 0, result.output
    target = tmp_path / "back" / "instrument.yaml"
    result = runner.invoke(args=["questionnaires", "import-xlsform", str(out_b), str(out_d), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "S01" in target.read_text(encoding="utf-8")


# --- issue 15: what a field team's workbook needs ------------------------------------------------------------


def test_cli_copies_media_and_overrides_a_date_style_version(cli, tmp_path):
    from tests.questionnaires.xlsform_corpus.build import odk_likert_faces

    form = odk_likert_faces()
    book = tmp_path / "parks.xlsx"
    book.write_bytes(form.workbook())
    media = tmp_path / "parks-media"  # ODK's habit: found beside the workbook without --media
    media.mkdir()
    for name, content in form.media.items():
        (media / name).write_bytes(content)
    out = tmp_path / "parks" / "instrument.yaml"
    result = CliRunner().invoke(cli, ["import-xlsform", str(book), "-o", str(out), "--version", "4"])
    assert result.exit_code == 0, result.output
    assert "warning: parks.xlsx: settings row 2, column version: version '2026-11-28' replaced by 4" in result.output
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["version"] == 4
    assert (tmp_path / "parks" / "media" / "happy.png").read_bytes() == form.media["happy.png"]
    assert "# 5-point agreement scale with faces" in out.read_text(encoding="utf-8")


def test_a_band_message_never_names_a_setting_the_workbook_lacks():
    def say_band_b(workbook) -> None:
        sheet = workbook["survey"]
        sheet["K1"], sheet["K5"] = "band", "B"

    workbook = openpyxl.load_workbook(io.BytesIO(_kobo_book()))
    say_band_b(workbook)
    result = import_xlsforms([("kobo.xlsx", workbook_bytes(workbook))], ImportDefaults(tags=TAGS))
    message = next(p.message for p in result.problems if p.field == "band")
    assert "band 'A' (assumed, as the workbook names no band)" in message and "settings sheet" not in message
    result = import_xlsforms([("kobo.xlsx", workbook_bytes(workbook))], ImportDefaults(tags=TAGS, band="C"))
    assert "band 'C' (given for this import)" in next(p.message for p in result.problems if p.field == "band")


def test_checker_band_problems_say_the_band_was_assumed():
    result = import_xlsforms([("kobo.xlsx", _kobo_book())], ImportDefaults(tags=TAGS, item_cap=1))
    cap = next(p for p in result.problems if p.field == "band_item_cap")
    assert cap.sheet == "settings" and "over its cap of 1" in cap.message
    assert "(band 'A' is assumed, as the workbook names no band)" in cap.message


def test_deeply_nested_groups_and_rules_are_read_without_recursion():
    workbook = openpyxl.Workbook()
    survey = workbook.active
    survey.title = "survey"
    survey.append(["type", "name", "label::English (en)", "label::中文 (zh)", "relevant"])
    for depth in range(300):
        survey.append(["begin_group", f"g{depth}", f"Group {depth}", f"组{depth}", "true()" if depth % 50 else None])
    survey.append(["text", "deep", "Deep", "深", "(" * 30 + "1 = 1" + ")" * 30])
    for _ in range(300):
        survey.append(["end_group"])
    result = import_xlsforms([("deep.xlsx", workbook_bytes(workbook))], ImportDefaults(tags=TAGS))
    assert result.problems == [], [str(p) for p in result.problems][:3]
    assert any("inside group" in str(w) for w in result.warnings)


def test_relevance_that_cannot_be_kept_is_a_problem_but_a_constraint_is_a_warning():
    def rules(workbook) -> None:
        _set(workbook, "K04", "constraint", "regex(., '^[0-9]+$')")
        _set(workbook, "K02", "relevant", "today() > 3")

    result = import_xlsforms([("bad.xlsx", _example_book(rules))])
    assert [(p.item, p.field) for p in result.problems] == [("K02", "relevant")]
    assert "the function today() is not supported" in result.problems[0].message
    assert any("the allowed characters [0-9]" in w.message for w in result.warnings)


@pytest.mark.parametrize(("constraint", "expected"), [
    ("string-length(.) <= 80", {"max_length": 80}),
    ("string-length(.) < 81", {"max_length": 80}),
    ("regex(., '^.{0,60}$')", {"max_length": 60}),
    ("regex(., '^[\\s\\S]{1,60}$')", {"max_length": 60}),
    ("string-length(.) <= 50 and string-length(.) >= 5", {"max_length": 50}),
])
def test_length_constraints_become_max_length(constraint, expected):
    def plain(workbook) -> None:
        _set(workbook, "K04", "constraint", constraint)
        _set(workbook, "K04", "max_length", None)  # a plain form has no max_length column of ours

    result = import_xlsforms([("t.xlsx", _example_book(plain))])
    item = next(i for s in result.data["sections"] for i in s["items"] if i["code"] == "K04")
    assert {key: item[key] for key in expected} == expected and "constraint" not in item


def test_piped_answers_are_a_problem_and_markup_is_removed():
    def texts(workbook) -> None:
        _set(workbook, "K04", "label::English (en)", "You said ${K01}: tell us more")
        _set(workbook, "K05", "label::English (en)", "<span style='color:red'>How many</span> **days**?")

    result = import_xlsforms([("t.xlsx", _example_book(texts))])
    assert [(p.item, p.field) for p in result.problems] == [("K04", "label::English (en)")]
    assert "${K01}" in result.problems[0].message and "reword" in result.problems[0].message
    assert any("formatting (HTML or markdown) removed" in w.message for w in result.warnings)


def test_a_question_asking_who_the_child_is_is_warned_about():
    def ask_name(workbook) -> None:
        _set(workbook, "K04", "label::English (en)", "What is your name?")
        _set(workbook, "K04", "label::中文 (zh)", "你叫什么名字？")

    result = import_xlsforms([("t.xlsx", _example_book(ask_name))])
    assert result.problems == []
    assert any(w.item == "K04" and "seems to ask who the child is" in w.message for w in result.warnings)
    assert not any("seems to ask" in w.message for w in import_xlsforms([("t.xlsx", _example_book())]).warnings)
