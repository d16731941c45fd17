"""Researcher exports parsed back: wide, long and codebook CSV with a byte-order mark, RFC 4180 quoting,
formula neutralisation, labels in both languages, fresh keys per export, months, k-anonymous places,
free text only redacted and only when asked, and a log entry per export."""

import csv
import io
import re

import pytest
from sqlalchemy import select

from survey_app.auth.models import Role
from survey_app.core.models import AuditEvent
from survey_app.extensions import db
from survey_app.privacy.disclosure import check_k_anonymity

COMMUNITY = "440304002016"


def _fill(make_session, kiosk_submit, n=12, place=COMMUNITY, **answers):
    session = make_session(place=place)
    for i in range(n):
        kiosk_submit(session, "D", {"S01": "a" if i % 2 else "d", "S07": ["dark", "crossing"] if i % 3 else ["dark"],
                                    "O06": ["safety", "nature"], "GENDER": "girl", **answers})
    return session


def _download(client, version, **args):
    response = client.get(f"/exports/{version.id}", query_string={"download": "1", **args})
    return response


def _rows(response):
    body = response.get_data()
    text = body.decode("utf-8")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_a_wide_export_has_one_row_per_response_with_options_and_ranks(client, login_as, make_session,
                                                                      kiosk_submit, shipped_version):
    _fill(make_session, kiosk_submit)
    login_as(Role.RESEARCHER)
    response = _download(client, shipped_version)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.get_data().startswith("\ufeff".encode())  # Excel reads the Chinese right
    header, *rows = _rows(response)
    assert len(rows) == 12
    assert header[:7] == ["response_key", "month", "band", "setting", "district", "street", "community"]
    for column in ("S01", "S07", "S07_dark", "S07_crossing", "O06_1", "O06_2", "GENDER"):
        assert column in header
    assert "HOME_STREET" not in header and "O04" not in header  # a quasi-identifier, and free text not asked for
    row = dict(zip(header, rows[0], strict=True))
    assert re.fullmatch(r"\d{4}-\d{2}", row["month"]) and row["band"] == "D"
    assert row["S07_dark"] == "1" and row["O06_1"] == "safety" and row["O06_2"] == "nature"
    assert row["community"] == COMMUNITY and row["street"] == COMMUNITY[:9]
    assert len({r[0] for r in rows}) == 12


def test_two_exports_share_no_key_and_not_their_order(client, login_as, make_session, kiosk_submit,
                                                     shipped_version):
    _fill(make_session, kiosk_submit, n=20)
    login_as(Role.RESEARCHER)
    first, second = (_rows(_download(client, shipped_version, layout="long"))[1:] for _ in range(2))
    assert not {r[0] for r in first} & {r[0] for r in second}
    assert len(first) == len(second) > 20


def test_labels_in_either_language_and_plain_utf8(client, login_as, make_session, kiosk_submit, shipped_version):
    _fill(make_session, kiosk_submit)
    login_as(Role.RESEARCHER)
    zh = _rows(_download(client, shipped_version, labels="labels", lang="zh"))
    en = _download(client, shipped_version, labels="labels", lang="en", encoding="plain")
    assert not en.get_data().startswith("\ufeff".encode())
    en_rows = _rows(en)
    s01 = zh[0].index("S01")
    assert {row[s01] for row in zh[1:]} <= {"比较是这样", "不太是这样"}
    assert {row[en_rows[0].index("S01")] for row in en_rows[1:]} <= {"Mostly true", "Mostly not true"}


def test_a_long_export_has_one_row_per_answer_with_code_label_and_rank(client, login_as, make_session,
                                                                      kiosk_submit, shipped_version):
    _fill(make_session, kiosk_submit, n=12)
    login_as(Role.RESEARCHER)
    header, *rows = _rows(_download(client, shipped_version, layout="long", lang="en"))
    assert header[-4:] == ["item_code", "value_code", "value_label", "rank"]
    o06 = [dict(zip(header, r, strict=True)) for r in rows if r[header.index("item_code")] == "O06"]
    assert len(o06) == 24 and {r["rank"] for r in o06} == {"1", "2"}
    s07 = [r for r in rows if r[header.index("item_code")] == "S07"]
    assert len(s07) == 8 * 2 + 4  # one row per chosen option
    assert any(r[header.index("value_label")] == "Streets that are too dark" for r in s07)


def test_free_text_only_when_asked_redacted_and_never_a_concern(client, login_as, make_session, kiosk_submit,
                                                               shipped_version):
    session = _fill(make_session, kiosk_submit, n=11)
    kiosk_submit(session, "D", {"O04": "我的电话是13812345678，多建公园", "GENDER": "girl"})
    kiosk_submit(session, "D", {"O04": "我爸每天晚上都打我", "GENDER": "girl"})
    login_as(Role.RESEARCHER)
    without = _download(client, shipped_version).get_data(as_text=True)
    assert "O04" not in without and "公园" not in without
    text = _download(client, shipped_version, layout="long", include_text="y").get_data(as_text=True)
    assert "多建公园" in text and "13812345678" not in text
    assert "打我" not in text and "已转交" not in text


def test_a_cell_that_looks_like_a_formula_is_neutralised(client, login_as, make_session, kiosk_submit,
                                                        shipped_version):
    session = _fill(make_session, kiosk_submit, n=11)
    kiosk_submit(session, "D", {"O04": "=HYPERLINK(\"http://x\",\"点我\")", "GENDER": "girl"})
    kiosk_submit(session, "D", {"O04": "+1, \"quoted\"\nnew line", "GENDER": "girl"})
    login_as(Role.RESEARCHER)
    header, *rows = _rows(_download(client, shipped_version, layout="long", include_text="y"))
    texts = [r[header.index("value_code")] for r in rows if r[header.index("item_code")] == "O04"]
    assert all(not t.startswith(("=", "+", "-", "@")) for t in texts), texts
    assert any(t.startswith("'=HYPERLINK") for t in texts) and any("new line" in t for t in texts)


def test_small_groups_are_coarsened_or_left_out(client, login_as, make_session, kiosk_submit, shipped_version):
    _fill(make_session, kiosk_submit, n=12, place=COMMUNITY)
    _fill(make_session, kiosk_submit, n=4, place="440304002017")  # 4 in a neighbouring community, same street
    _fill(make_session, kiosk_submit, n=3, place="440305001001", GENDER="boy")  # 3 alone in another district
    login_as(Role.RESEARCHER)
    header, *rows = _rows(_download(client, shipped_version))
    records = [dict(zip(header, r, strict=True)) for r in rows]
    quasi = ["band", "month", "setting", "GENDER", "district", "street", "community"]
    assert check_k_anonymity(records, quasi, 10)
    assert len(records) == 16 and not any(r["district"] == "440305" for r in records)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "export_responses"))
    assert event.detail["rows"] == 16 and event.detail["withheld"] == 3


def test_the_codebook_as_csv_and_as_a_page(client, login_as, shipped_version):
    login_as(Role.RESEARCHER)
    header, *rows = _rows(_download(client, shipped_version, layout="codebook"))
    assert header[:3] == ["item_code", "band", "type"]
    s07 = next(dict(zip(header, r, strict=True)) for r in rows if r[0] == "S07" and r[1] == "D")
    assert "dark=路灯太暗的地方" in s07["choices_zh"] and "dark=Streets that are too dark" in s07["choices_en"]
    assert s07["action"] == "safety" and s07["lundy"] == "voice"
    idea = next(dict(zip(header, r, strict=True)) for r in rows if r[0] == "S07_IDEA")
    assert "selected(S07" in idea["relevant"]
    page = client.get(f"/exports/{shipped_version.id}/codebook").get_data(as_text=True)
    assert "S07_IDEA" in page and "路灯太暗的地方" in page


def test_every_export_is_logged_and_admins_read_the_log(client, login_as, make_session, kiosk_submit,
                                                       shipped_version):
    _fill(make_session, kiosk_submit)
    researcher = login_as(Role.RESEARCHER)
    _download(client, shipped_version, layout="long", band="D", place=COMMUNITY[:6])
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "export_responses"))
    assert event.actor_id == researcher.id and event.detail["layout"] == "long"
    assert event.detail["filters"] == {"band": "D", "place": "440304"} and event.detail["rows"] == 12
    assert client.get("/exports/log").status_code == 403
    login_as(Role.ADMIN)
    log = client.get("/exports/log").get_data(as_text=True)
    assert researcher.email in log and "rows=12" in log


@pytest.mark.parametrize("args", [
    {"band": "Z"}, {"place": "999999999"}, {"place": "x" * 500}, {"setting": "prison"}, {"layout": "xml"},
    {"lang": "fr"}, {"first_month": "2026-13"}, {"encoding": "latin1"}, {"labels": "%00"},
])
def test_unknown_filters_are_named_and_nothing_is_exported(client, login_as, make_session, kiosk_submit,
                                                          shipped_version, args):
    _fill(make_session, kiosk_submit)
    login_as(Role.RESEARCHER)
    client.get("/lang/en")
    response = _download(client, shipped_version, **args)
    assert response.status_code == 400 and "Nothing was exported" in response.get_data(as_text=True)
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "export_responses")) is None


def test_empty_results_say_so_without_a_file(client, login_as, make_session, kiosk_submit, shipped_version):
    _fill(make_session, kiosk_submit, n=3)  # fewer than 10: all withheld
    login_as(Role.RESEARCHER)
    client.get("/lang/en")
    response = _download(client, shipped_version)
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "no file" in page and "3 responses match" in page
    assert _download(client, shipped_version, first_month="2099-01").mimetype == "text/html"


def test_facilitators_and_strangers_get_no_export(client, login_as, make_session, kiosk_submit, shipped_version):
    _fill(make_session, kiosk_submit)
    assert _download(client, shipped_version).status_code in (302, 401)
    login_as(Role.FACILITATOR)
    assert _download(client, shipped_version).status_code == 403


def test_the_export_pages_work_in_chinese_and_english(client, login_as, shipped_version):
    login_as(Role.RESEARCHER)
    client.get("/lang/zh")
    assert "编码手册" in client.get("/exports/").get_data(as_text=True)
    page = client.get(f"/exports/{shipped_version.id}").get_data(as_text=True)
    assert "宽格式" in page and "带字节顺序标记" in page
    client.get("/lang/en")
    assert "Wide: one row per response" in client.get(f"/exports/{shipped_version.id}").get_data(as_text=True)


@pytest.mark.parametrize("file_format", ["sav", "dta"])
def test_spss_and_stata_files_open_with_variable_and_value_labels(client, login_as, make_session, kiosk_submit,
                                                                 shipped_version, tmp_path, file_format):
    import pyreadstat

    session = _fill(make_session, kiosk_submit, n=11)
    kiosk_submit(session, "D", {"S01": "_pn", "GENDER": "girl"})
    login_as(Role.RESEARCHER)
    response = _download(client, shipped_version, file_format=file_format, lang="en")
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    path = tmp_path / f"export.{file_format}"
    path.write_bytes(response.get_data())
    read = pyreadstat.read_sav if file_format == "sav" else pyreadstat.read_dta
    data, meta = read(str(path), user_missing=True) if file_format == "sav" else read(str(path))
    assert len(data) == 12
    labels = dict(zip(meta.column_names, meta.column_labels, strict=True))
    assert "to and from school, I feel safe" in labels["S01"]
    s01_labels = meta.variable_value_labels["S01"]
    assert "Mostly true" in s01_labels.values() and "I don't want to answer" in s01_labels.values()
    assert set(data["S07_dark"].dropna()) == {1.0}
    assert data["O06_1"].dropna().nunique() == 1


def test_an_excel_file_reads_back_row_by_row(client, login_as, make_session, kiosk_submit, shipped_version, tmp_path):
    from openpyxl import load_workbook

    session = _fill(make_session, kiosk_submit, n=11)
    kiosk_submit(session, "D", {"O04": "=1+1 多建公园", "GENDER": "girl"})
    login_as(Role.RESEARCHER)
    response = _download(client, shipped_version, file_format="xlsx", labels="labels", include_text="y")
    assert response.status_code == 200
    path = tmp_path / "export.xlsx"
    path.write_bytes(response.get_data())
    workbook = load_workbook(path, read_only=True)  # read-only keeps the file open until closed
    rows = list(workbook["responses"].iter_rows(values_only=True))
    workbook.close()
    header, body = rows[0], rows[1:]
    assert len(body) == 12 and "S01" in header
    assert {r[header.index("S01")] for r in body} <= {"比较是这样", "不太是这样", None}
    texts = [r[header.index("O04")] for r in body if r[header.index("O04")]]
    assert texts == ["'=1+1 多建公园"]  # kept as text, never a formula


def test_labelled_formats_hold_the_wide_file_only(client, login_as, make_session, kiosk_submit, shipped_version):
    _fill(make_session, kiosk_submit)
    login_as(Role.RESEARCHER)
    client.get("/lang/en")
    response = _download(client, shipped_version, file_format="sav", layout="long")
    assert response.status_code == 400 and "choose Wide, or CSV" in response.get_data(as_text=True)
