"""A newcomer's first hour, tried from the README: what it promises is what the code does."""

import re
from pathlib import Path

import pytest

from survey_app.auth.models import Role
from survey_app.demo.cli import served_at

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("path, target", [("/login", "/auth/login"),
                                          ("/login?next=/results/", "/auth/login?next=/results/"),
                                          ("/login?next=https://evil.example/", "/auth/login")])
def test_login_redirects_to_the_staff_sign_in_page(client, path, target):
    response = client.get(path)
    assert response.status_code == 302 and response.headers["Location"] == target


def test_demo_load_prints_the_port_it_is_served_on(app, runner, db):
    app.config.update(DEMO=True, BIND="127.0.0.1:5077")
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:5077/k/" in result.output and "http://127.0.0.1:5077/auth/login" in result.output
    assert ":5000" not in result.output
    again = runner.invoke(args=["demo", "load"])
    assert "already loaded" in again.output and "users set-password admin@demo.local" in again.output


@pytest.mark.parametrize("bind, url", [("127.0.0.1:5000", "http://127.0.0.1:5000"), ("0.0.0.0:8080", "http://127.0.0.1:8080"),
                                       ("[::]:5001", "http://127.0.0.1:5001"), ("unix:/run/app.sock", None)])
def test_served_at_turns_a_bind_into_an_address(bind, url):
    assert served_at(bind) == url


def test_the_makefile_serves_the_demo_on_the_chosen_port():
    makefile = (ROOT / "Makefile").read_text()
    assert "PORT ?= 5000" in makefile and "SURVEY_BIND ?= 127.0.0.1:$(PORT)" in makefile
    demo = makefile[makefile.index("\ndemo:"):]
    demo = demo[:demo.index("\n\n")]
    assert demo.count("SURVEY_BIND=$(SURVEY_BIND)") == 2  # demo load and gunicorn


def test_readme_and_questionnaires_page_count_items_the_same_way(client, login_as, shipped_version):
    from survey_app.questionnaires.services import count_items

    counts = count_items(shipped_version)
    assert (counts.answered, counts.other) == (32, 3)
    assert f"{counts.answered} answered items" in README
    login_as(Role.RESEARCHER)
    client.get("/lang/en")
    page = " ".join(client.get("/questionnaires/").get_data(as_text=True).split())
    cell = rf'<td class="num">{counts.answered} <span class="hint">\+ {counts.other} practice items and notes'
    assert re.search(cell, page)


def test_readme_names_the_commands_a_newcomer_needs():
    for promise in ("Ctrl-C", "/auth/login", "make demo PORT=", "flask --app wsgi users set-password"):
        assert promise in README, promise


def test_the_readme_says_which_items_offer_i_dont_want_to_answer():
    """README: every item a child answers offers it (notes and the consent item do not ask for an answer)."""
    from survey_app.questionnaires.loader import read_definition

    instrument, problems = read_definition(ROOT / "questionnaires" / "me-and-my-city" / "instrument.yaml")
    assert not problems
    for item in instrument.items:
        for band_item in item.bands.values():
            offers = "prefer_not" in band_item.optouts
            assert offers == (item.type not in ("note", "consent")) or band_item.practice, (item.code, band_item.band)
    assert "every question a child answers offers *I don't want to\n   answer*" in README
