"""Admins upload XLSForm workbooks: every problem at once, or a preview saved as a new version.

The upload is hostile input: every kind of bad file gets a page that says what is wrong, never a 500.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from survey_app.auth.models import Role
from survey_app.core.models import AuditEvent
from survey_app.questionnaires.models import QuestionnaireDraft, QuestionnaireVersion
from survey_app.questionnaires.xlsform import workbook_bytes
from tests.questionnaires.xlsform_corpus.build import corpus

FORMS = {form.name: form for form in corpus()}


@pytest.fixture
def app_config(app_config, tmp_path):
    app_config["QUESTIONNAIRES_DIR"] = str(tmp_path / "questionnaires")
    # Under the test client's 500 KB in-memory buffer, so an over-limit upload never spills to a temporary file.
    app_config["QUESTIONNAIRES_UPLOAD_BYTES"] = 256 * 1024
    return app_config


@pytest.fixture
def admin(login_as, client):
    client.get("/lang/en")  # messages below are checked in English
    return login_as(Role.ADMIN)


def _upload(client, workbooks, media=(), **fields):
    data = {"workbooks": [(io.BytesIO(content), name) for name, content in workbooks],
            "media": [(io.BytesIO(content), name) for name, content in media], **fields}
    return client.post("/questionnaires/import", data=data, content_type="multipart/form-data")


def _form(name: str):
    form = FORMS[name]
    return [(f"{name}.xlsx", form.workbook())], list(form.media.items())


def _versions(db) -> int:
    return db.session.scalar(select(func.count()).select_from(QuestionnaireVersion))


def test_the_import_page_is_linked_for_admins_only(client, login_as):
    login_as(Role.RESEARCHER)
    assert "/questionnaires/import" not in client.get("/questionnaires/").get_data(as_text=True)
    client.post("/auth/logout")
    login_as(Role.ADMIN)
    assert "/questionnaires/import" in client.get("/questionnaires/").get_data(as_text=True)
    assert client.get("/questionnaires/import").status_code == 200


def test_upload_shows_every_problem_with_its_place_and_stores_nothing(client, db, admin):
    response = _upload(client, *_form("many_problems"))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "11 problem(s): nothing was imported" in html
    assert "label::中文 (zh)" in html and "is used twice" in html and "repeats cannot be imported" in html
    assert _versions(db) == 0 and db.session.scalar(select(func.count()).select_from(QuestionnaireDraft)) == 0


def test_upload_preview_and_save_a_likert_form_with_its_pictures(client, db, admin, app):
    response = _upload(client, *_form("odk_likert_faces"))
    assert response.status_code == 302, response.get_data(as_text=True)
    preview = client.get(response.headers["Location"])
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "PARK_SAFE" in html and "faces.svg#very_happy" in html and "became a scale" in html
    assert "riverside.jpg" in html  # the missing picture is a warning
    assert _versions(db) == 0  # a preview stores no version
    draft_id = int(re.search(r"/import/(\d+)", response.headers["Location"]).group(1))
    token_free = client.post(f"/questionnaires/import/{draft_id}/save")
    assert token_free.status_code == 302
    version = db.session.scalar(select(QuestionnaireVersion))
    assert (version.questionnaire.slug, version.version) == ("parks-mood", 20261128)
    folder = Path(app.config["QUESTIONNAIRES_DIR"]) / "parks-mood"
    written = (folder / "instrument.yaml").read_text(encoding="utf-8")
    assert "# 5-point agreement scale with faces" in written and "&id" not in written
    assert yaml.safe_load(written)["scales"]["agree5"]["key"] == "faces"
    assert (folder / "media" / "face1.png").read_bytes() == FORMS["odk_likert_faces"].media["face1.png"]
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.target == "parks-mood v20261128")) == \
        "import_questionnaire"
    assert client.get(f"/questionnaires/versions/{version.id}").status_code == 200
    assert client.get(f"/questionnaires/import/{draft_id}").status_code == 404  # the draft is gone


def test_the_same_version_again_is_refused_with_the_next_free_number(client, db, admin):
    workbooks, media = _form("kobo_cascade")
    response = _upload(client, workbooks, media)
    client.post(response.headers["Location"] + "/save")
    same = _upload(client, workbooks, media).get_data(as_text=True)
    assert "already loaded with exactly this content" in same
    book = openpyxl.load_workbook(io.BytesIO(workbooks[0][1]))
    book["survey"]["C2"] = "你住在哪个区呢？"
    other = _upload(client, [("changed.xlsx", workbook_bytes(book))]).get_data(as_text=True)
    assert "already loaded with other content" in other and "the next free version, 4" in other
    assert _upload(client, [("changed.xlsx", workbook_bytes(book))], version="4").status_code == 302


def test_options_fill_what_a_plain_form_lacks(client, db, admin):
    response = _upload(client, *_form("kobo_household_repeat"), action="space", scale="city", lundy="voice",
                       band="C", ages="12-14", instrument_id="household-check", version="2")
    html = response.get_data(as_text=True)
    assert "no question has" not in html and "repeats cannot be imported" in html  # tags given, repeats still not


def test_a_drafts_pages_belong_to_the_admin_who_uploaded_it(app, client, db, admin, make_user, auth):
    response = _upload(client, *_form("kobo_cascade"))
    location = response.headers["Location"]
    client.post("/auth/logout")
    other = make_user(Role.ADMIN)
    auth.login(other.email)
    assert client.get(location).status_code == 404
    assert client.post(location + "/save").status_code == 404
    assert _versions(db) == 0


def test_a_save_that_cannot_write_the_file_still_saves_and_says_so(client, db, admin, app, tmp_path):
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the folder should be")
    app.config["QUESTIONNAIRES_DIR"] = str(blocker)
    response = _upload(client, *_form("kobo_cascade"))
    saved = client.post(response.headers["Location"] + "/save", follow_redirects=True)
    assert saved.status_code == 200 and "could not be written" in saved.get_data(as_text=True)
    assert _versions(db) == 1


def test_the_yaml_of_a_draft_and_of_a_version_download(client, db, admin):
    response = _upload(client, *_form("kobo_cascade"))
    draft = client.get(response.headers["Location"] + "/instrument.yaml")
    assert draft.status_code == 200 and "STREET_FUTIAN" in draft.get_data(as_text=True)
    client.post(response.headers["Location"] + "/save")
    version = db.session.scalar(select(QuestionnaireVersion))
    stored = client.get(f"/questionnaires/versions/{version.id}/instrument.yaml").get_data(as_text=True)
    assert yaml.safe_load(stored) == version.definition


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    return buffer.getvalue()


def _tall_sheet() -> bytes:
    book = openpyxl.Workbook()
    book.active.title = "survey"
    book.active.append(["type", "name", "label"])
    book.active["A100000"] = "text"
    return workbook_bytes(book)


def _wide_sheet() -> bytes:
    book = openpyxl.Workbook()
    book.active.title = "survey"
    book.active.append([f"column{i}" for i in range(400)])
    return workbook_bytes(book)


def _deep_rule() -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(FORMS["kobo_cascade"].workbook()))
    book["survey"]["F3"] = "(" * 500 + "${district} = 'futian'" + ")" * 500
    return workbook_bytes(book)


def _odd_unicode() -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(FORMS["kobo_cascade"].workbook()))
    book["survey"]["B2"] = "dis\u202etrict\u200b"
    book["survey"]["C3"] = "  哪个街道？\U0001F600\r\n"
    book["choices"]["B9"] = "She Kou"
    return workbook_bytes(book)


@pytest.mark.parametrize(("name", "content", "message"), [
    ("notes.xlsx", b"type,name,label\ntext,a,A\n", "looks like text or CSV"),
    ("old.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 500, "old Excel .xls"),
    ("bomb.xlsx", _zip_bomb(), "unpacks to more than 50 MB"),  # 60 MB of zeros in a 60 KB file
    ("tall.xlsx", _tall_sheet(), "goes on below row 20000"),
    ("wide.xlsx", _wide_sheet(), "more than 300 columns"),
    ("deep.xlsx", _deep_rule(), "nested more than 40 levels"),
    ("empty.xlsx", b"", "looks like text or CSV"),
    ("\u202eevil\0name/../../x.xlsx", b"PK\x03\x04broken", "damaged zip"),
], ids=["csv", "xls", "zip-bomb", "tall", "wide", "deep-nesting", "empty", "odd-name"])
def test_hostile_workbooks_get_a_clear_message(client, admin, name, content, message):
    response = _upload(client, [(name, content)])
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)


def test_odd_unicode_in_names_and_labels_is_cleaned_or_reported(client, admin):
    response = _upload(client, [("odd.xlsx", _odd_unicode())])
    assert response.status_code == 302
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "哪个街道？\U0001F600" in html and "she_kou" in html
    assert "DISTRICT" in html and "\u202e" not in html


def test_an_upload_over_the_limit_gets_the_upload_page_with_the_limit(client, admin):
    response = _upload(client, [("big.xlsx", b"PK" + b"0" * (420 * 1024))])
    assert response.status_code == 413
    assert "larger than 0.25 MB in all" in response.get_data(as_text=True)


@pytest.mark.parametrize(("name", "message"), [("../../etc/passwd.png", "not a plain file name"),
                                               ("virus.exe", "media must be pictures"),
                                               (".hidden.png", "not a plain file name")])
def test_hostile_media_names_are_refused(client, admin, name, message):
    workbooks, _ = _form("odk_likert_faces")
    response = _upload(client, workbooks, [(name, b"x")])
    assert response.status_code == 200 and message in response.get_data(as_text=True)


def test_a_workbook_is_required(client, admin):
    response = _upload(client, [])
    assert response.status_code == 200 and "Choose at least one .xlsx workbook." in response.get_data(as_text=True)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(noise=st.binary(max_size=400), cut=st.integers(min_value=0, max_value=4000))
def test_damaged_workbooks_never_give_a_500(client, admin, noise, cut):
    workbook = FORMS["kobo_school_safety"].workbook()
    damaged = workbook[:cut] + noise + workbook[cut + len(noise):]
    response = _upload(client, [("damaged.xlsx", damaged)])
    assert response.status_code in (200, 302)


def test_researchers_cannot_upload(client, login_as):
    login_as(Role.RESEARCHER)
    assert _upload(client, *_form("kobo_cascade")).status_code == 403


class TestWithCsrf:
    @pytest.fixture
    def app_config(self, app_config):
        app_config["WTF_CSRF_ENABLED"] = True
        return app_config

    def test_an_upload_without_the_token_is_refused(self, client, db, make_user):
        admin = make_user(Role.ADMIN)
        client.get("/lang/en")
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"',
                          client.get("/auth/login").get_data(as_text=True)).group(1)
        client.post("/auth/login", data={"email": admin.email, "password": "correct-horse-battery",
                                         "csrf_token": token})
        forged = _upload(client, *_form("kobo_cascade"))
        assert forged.status_code == 400
        page = client.get("/questionnaires/import").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        assert _upload(client, *_form("kobo_cascade"), csrf_token=token).status_code == 302
        assert db.session.scalar(select(func.count()).select_from(QuestionnaireDraft)) == 1
