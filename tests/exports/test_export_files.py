"""Exports read as analysts read them (pandas), and a download broken off leaves nothing behind."""

import io

import pandas as pd

from survey_app.auth.models import Role
from survey_app.exports.labelled import labelled_chunks
from survey_app.exports.services import ExportRefused, ExportRequest, plan_export
from survey_app.extensions import db
from tests.exports.test_exports import _download, _fill


def test_pandas_reads_the_wide_and_long_csv_with_chinese_labels(client, login_as, make_session, kiosk_submit,
                                                                shipped_version):
    _fill(make_session, kiosk_submit, n=12)
    login_as(Role.RESEARCHER)
    wide = pd.read_csv(io.BytesIO(_download(client, shipped_version, labels="labels").get_data()),
                       encoding="utf-8-sig", dtype=str)
    assert len(wide) == 12 and set(wide["S01"]) <= {"比较是这样", "不太是这样"}
    assert wide["response_key"].is_unique and list(wide.columns[:3]) == ["response_key", "month", "band"]
    long = pd.read_csv(io.BytesIO(_download(client, shipped_version, layout="long").get_data()),
                       encoding="utf-8-sig", dtype=str)
    assert long.groupby("response_key").size().min() >= 4 and long["response_key"].nunique() == 12


def test_a_broken_off_spss_download_removes_its_temporary_file(tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    rows = [["response_key", "x"], ["k1", "a"]]
    chunks = labelled_chunks("xlsx", rows, [])
    first = next(chunks)
    assert first.startswith(b"PK") and any(tmp_path.iterdir())
    chunks.close()  # what the server does when the client goes away
    assert not list(tmp_path.iterdir())


def test_spss_and_stata_say_how_many_they_take_and_excel_takes_any(app, make_session, kiosk_submit,
                                                                  shipped_version, make_user, monkeypatch):
    import pytest

    _fill(make_session, kiosk_submit, n=12)
    monkeypatch.setattr("survey_app.exports.services.BINARY_EXPORT_LIMIT", 5)
    admin = make_user(Role.ADMIN)
    with app.test_request_context():
        with pytest.raises(ExportRefused):
            plan_export(shipped_version, ExportRequest(file_format="sav"), actor=admin)
        assert plan_export(shipped_version, ExportRequest(file_format="xlsx"), actor=admin).rows == 12
    db.session.rollback()
