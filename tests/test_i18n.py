"""Languages: zh-Hans by default, English on request, remembered; catalogs complete."""

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "survey_app" / "translations" / "zh_Hans" / "LC_MESSAGES" / "messages.po"


def test_default_language_is_simplified_chinese(client):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="zh-Hans">' in html
    assert "我与我的城市" in html


def test_language_switch_is_remembered(client):
    response = client.get("/lang/en?next=/auth/login")
    assert response.headers["Location"] == "/auth/login"
    assert "lang=en" in response.headers["Set-Cookie"]
    html = client.get("/auth/login").get_data(as_text=True)
    assert '<html lang="en">' in html and "Staff sign-in" in html
    client.get("/lang/zh")
    assert "工作人员登录" in client.get("/auth/login").get_data(as_text=True)


@pytest.mark.parametrize("code", ["xx", "fr", "zh-TW-invalid-long-code" * 5, "<script>"])
def test_unknown_language_code_falls_back_to_default(client, code):
    client.get(f"/lang/{code}")
    assert '<html lang="zh-Hans">' in client.get("/").get_data(as_text=True)


def test_bad_cookie_value_falls_back_to_default(client):
    client.set_cookie("lang", "klingon")
    assert '<html lang="zh-Hans">' in client.get("/").get_data(as_text=True)


def test_every_extracted_string_is_translated(tmp_path):
    """Every msgid in the code and templates has a Chinese translation in the catalog."""
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F",
                    str(ROOT / "babel.cfg"), "-k", "_l", "-o", str(pot), str(ROOT / "survey_app")],
                   check=True, cwd=ROOT)
    with pot.open("rb") as f:
        extracted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    with CATALOG.open("rb") as f:
        catalog = read_po(f)
    translated = {(m.id if isinstance(m.id, str) else m.id[0]) for m in catalog
                  if m.id and m.string and (m.string if isinstance(m.string, str) else all(m.string))
                  and not m.fuzzy}
    missing = sorted(extracted - translated)
    assert not missing, f"{len(missing)} strings without a zh translation, e.g. {missing[:10]}"


def test_form_library_messages_are_chinese_too(client):
    """WTForms' own messages (required field, bad choice) come from its zh catalog, not English."""
    html = client.post("/auth/login", data={}).get_data(as_text=True)
    assert "该字段是必填字段" in html and "This field is required" not in html
