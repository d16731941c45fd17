"""Results pass through disclosure control on screen and in CSV; small groups never show."""

import csv
import io

from survey_app.auth.models import Role


def _fill(kiosk_submit, session, count, agree_every=2):
    for i in range(count):
        kiosk_submit(session, "B", {"S01": "yes" if i % agree_every == 0 else "no"})


def _rows(response):
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def test_small_groups_are_hidden_internally(client, login_as, make_session, kiosk_submit, shipped_version):
    session = make_session()
    _fill(kiosk_submit, session, 9)
    login_as(Role.RESEARCHER)
    rows = _rows(client.get(f"/results/{shipped_version.id}/results.csv"))
    s01 = next(r for r in rows if r[0] == "S01")
    header = rows[0]
    assert s01[header.index("respondents")] == "<10"
    assert s01[header.index("agree_pooled")] == "LOW"
    assert "9" not in s01[5:]


def test_internal_audience_shows_cells_of_ten_or_more(client, login_as, make_session, kiosk_submit,
                                                      shipped_version):
    session = make_session()
    _fill(kiosk_submit, session, 12)
    login_as(Role.RESEARCHER)
    html = client.get(f"/results/{shipped_version.id}").get_data(as_text=True)
    assert "50%" in html  # 6 of 12 agree
    rows = _rows(client.get(f"/results/{shipped_version.id}/results.csv"))
    s01 = next(r for r in rows if r[0] == "S01")
    assert s01[rows[0].index("respondents")] == "12" and s01[rows[0].index("agree_band_B")] == "50%"


def test_public_audience_needs_thirty_and_three_schools(client, login_as, make_session, kiosk_submit,
                                                        shipped_version):
    session = make_session()
    _fill(kiosk_submit, session, 31)
    login_as(Role.RESEARCHER)
    rows = _rows(client.get(f"/results/{shipped_version.id}/results.csv?audience=public"))
    s01 = next(r for r in rows if r[0] == "S01")
    assert s01[rows[0].index("agree_pooled")] != "52%"  # one school only: the area rule hides it
    assert s01[rows[0].index("respondents")] in ("30", "*")  # counts round to 5


def test_facilitators_cannot_read_results(client, login_as, shipped_version):
    login_as(Role.FACILITATOR)
    assert client.get(f"/results/{shipped_version.id}").status_code == 403


def test_a_band_nobody_answered_shows_no_answers(client, login_as, make_session, kiosk_submit, shipped_version):
    session = make_session()
    _fill(kiosk_submit, session, 12)
    login_as(Role.RESEARCHER)
    rows = _rows(client.get(f"/results/{shipped_version.id}/results.csv"))
    s01 = next(r for r in rows if r[0] == "S01")
    assert s01[rows[0].index("agree_band_A")] == "无人作答"  # not LOW: nobody in band A answered
    assert s01[rows[0].index("agree_band_B")] == "50%"
    client.get("/lang/en")
    html = client.get(f"/results/{shipped_version.id}").get_data(as_text=True)
    assert "no answers" in html


def test_each_item_says_which_answers_its_share_counts(client, login_as, shipped_version):
    login_as(Role.RESEARCHER)
    rows = _rows(client.get(f"/results/{shipped_version.id}/results.csv"))
    counted = rows[0].index("counted_answers")
    assert next(r for r in rows if r[0] == "P04")[counted] == "每周一两次 / 几乎每天"  # a frequency item
    assert next(r for r in rows if r[0] == "P06")[counted] != next(r for r in rows if r[0] == "P04")[counted]
    assert "每周一两次" in client.get(f"/results/{shipped_version.id}").get_data(as_text=True)


def test_a_small_band_hides_a_second_band_too(client, login_as, make_session, kiosk_submit, shipped_version):
    session = make_session()
    _fill(kiosk_submit, session, 12)
    for i in range(12):
        kiosk_submit(session, "C", {"S01": "a" if i % 3 else "d"})
    for _ in range(4):
        kiosk_submit(session, "A", {"S01": "yes"})
    login_as(Role.RESEARCHER)
    rows = _rows(client.get(f"/results/{shipped_version.id}/results.csv"))
    s01 = dict(zip(rows[0], next(r for r in rows if r[0] == "S01"), strict=True))
    assert s01["agree_band_A"] == "LOW"
    assert "*" in (s01["agree_band_B"], s01["agree_band_C"])  # so A is not the pooled share minus B and C
    assert s01["agree_pooled"].endswith("%")
