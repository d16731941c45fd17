"""`flask questionnaires check`: every problem at once, each with file, item and field."""

from pathlib import Path

import pytest

from survey_app.questionnaires.loader import read_all, read_definition

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE = FIXTURES / "valid" / "example" / "instrument.yaml"
MANY = FIXTURES / "broken" / "many-problems" / "instrument.yaml"

EXPECTED = [
    (None, "introduction.en", "missing English"),
    (None, "scales.one_point.points", "a scale needs 2 to 5 labelled points, not 1"),
    ("Q01", "code", "duplicate item code"),
    ("Q03", "tags.action", "unknown tag 'happiness'"),
    ("Q04", "bands.B.relevant", "refers to Q99, which is not an earlier item in band B"),
    ("Q05", "bands.A.text", "missing text"),
    ("Q06", "bands.B.text.en", "missing English"),
    ("Q08", "bands.A.scale", "5-point scale in band A, which allows at most 3"),
    ("Q09", "bands.A", "band A does not allow typed free text"),
    ("Q10", "bands.B.max", "max is larger than the number of choices"),
    ("Q10", "bands.B.relevant", "cannot read rule"),
    (None, "bands.A.item_cap", "band A has 4 items, over its cap of 2"),
    (None, "bands", "bands A and B overlap in age"),
    ("Q11", "bands.B.relevant", "Q01 has no choice 'yse'"),
    ("Q12", "bands.B.text.en", "put the text in quotes"),
]


def test_example_definition_has_no_problems():
    instrument, problems = read_definition(EXAMPLE)
    assert problems == []
    assert [i.code for i in instrument.items_for("A")] == ["PR1", "K01", "K02", "K03"]


def test_readme_example_is_the_fixture():
    readme = (Path(__file__).parents[2] / "questionnaires" / "README.md").read_text(encoding="utf-8")
    assert EXAMPLE.read_text(encoding="utf-8") in readme


@pytest.mark.parametrize("item, field, message", EXPECTED)
def test_broken_definition_reports_each_problem_precisely(item, field, message):
    instrument, problems = read_definition(MANY)
    assert instrument is None
    matches = [p for p in problems if p.item == item and p.field == field and message in p.message]
    assert matches, f"no problem {item}/{field}/{message!r} in:\n" + "\n".join(map(str, problems))
    assert all(p.file.endswith("many-problems/instrument.yaml") for p in problems)


def test_yaml_syntax_error_names_the_line():
    _, problems = read_all(FIXTURES / "broken")
    bad = [p for p in problems if "bad-yaml" in p.file]
    assert len(bad) == 1 and "line" in bad[0].message and "not valid YAML" in bad[0].message


@pytest.mark.parametrize("data, field", [
    ("just a string", "file"),
    ({"id": "UPPER case", "version": 1}, "id"),
    ({"id": "ok-id", "version": "one"}, "version"),
    ({"id": "ok-id", "version": 1, "bands": [{"id": "A", "ages": [9, 6]}]}, "bands[0].ages"),
])
def test_malformed_structures_are_problems_not_crashes(data, field):
    from survey_app.questionnaires.loader import parse_definition

    instrument, problems = parse_definition(data, "inline")
    assert instrument is None
    assert any(p.field == field for p in problems), [str(p) for p in problems]


def test_check_command_passes_on_valid_and_lists_every_problem_on_broken(runner):
    ok = runner.invoke(args=["questionnaires", "check", "--path", str(FIXTURES / "valid")])
    assert ok.exit_code == 0 and "ok  park-check v1" in ok.output
    bad = runner.invoke(args=["questionnaires", "check", "--path", str(FIXTURES / "broken")])
    assert bad.exit_code != 0
    assert "refers to Q99" in bad.output and "missing English" in bad.output and "not valid YAML" in bad.output
    assert f"{len(EXPECTED)}" in bad.output or "problem(s) found" in bad.output


def test_shipped_instruments_pass_the_check(runner):
    result = runner.invoke(args=["questionnaires", "check"])
    assert result.exit_code == 0, result.output
