"""Results pass through disclosure control on screen and in CSV; small groups never show."""

import csv
import io

from sqlalchemy import select

from survey_app.auth.models import Role
from survey_app.extensions import db
from survey_app.fieldwork.models import Answer, Response
from survey_app.privacy.disclosure.cells import percent_of
from survey_app.privacy.disclosure.perturbation import perturb


def _fill(kiosk_submit, session, count, agree_every=2):
    for i in range(count):
        kiosk_submit(session, "B", {"S01": "yes" if i % agree_every == 0 else "no"})


def _keys(item, values, band=None):
    """The record keys of the responses that gave one of ``values`` to ``item``, read from the stored rows."""
    query = (select(Response.record_key).join(Answer, Answer.response_id == Response.id)
             .where(Answer.item_code == item, Answer.value.in_(values)))
    if band:
        query = query.where(Response.band == band)
    return list(db.session.scalars(query))


def _shown_share(agree_keys, all_keys):
    """The share the page must show: perturbed counted answers over the perturbed base."""
    base = perturb(len(all_keys), sum(all_keys) % 256)
    return f"{percent_of(min(perturb(len(agree_keys), sum(agree_keys) % 256), base), base)}%"


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
    agree, everyone = _keys("S01", ["yes"]), _keys("S01", ["yes", "no"])
    assert len(agree) == 6 and len(everyone) == 12 and all(1 <= key <= 255 for key in everyone)
    share = _shown_share(agree, everyone)  # 6 of 12, perturbed by the cell keys: near 50 %, not exactly
    assert share in {f"{p}%" for p in range(29, 81)}  # 4..8 of 10..14
    html = client.get(f"/results/{shipped_version.id}").get_data(as_text=True)
    assert share in html
    rows = _rows(client.get(f"/results/{shipped_version.id}/results.csv"))
    s01 = next(r for r in rows if r[0] == "S01")
    assert s01[rows[0].index("respondents")] == str(perturb(12, sum(everyone) % 256))
    assert s01[rows[0].index("agree_band_B")] == share


def test_public_audience_needs_thirty_and_three_schools(client, login_as, make_session, kiosk_submit,
                                                        shipped_version):
    session = make_session()
    _fill(kiosk_submit, session, 31)
    login_as(Role.RESEARCHER)
    rows = _rows(client.get(f"/results/{shipped_version.id}/results.csv?audience=public"))
    s01 = next(r for r in rows if r[0] == "S01")
    assert s01[rows[0].index("agree_pooled")] != "52%"  # one school only: the area rule hides it
    assert s01[rows[0].index("respondents")] in ("30", "35", "*")  # 31 perturbed by ±2, then rounded to 5


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
    assert s01[rows[0].index("agree_band_B")].endswith("%")
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


def test_each_tally_keeps_the_sum_of_its_responses_record_keys(make_session, kiosk_submit, shipped_version):
    from survey_app.fieldwork.models import AnswerTally

    session = make_session()
    for i in range(15):
        kiosk_submit(session, "B", {"S01": ["yes", "no", "sometimes"][i % 3]})
    for tally in db.session.scalars(select(AnswerTally).where(AnswerTally.item_code == "S01")):
        keys = _keys("S01", [tally.value], band=tally.band)
        assert tally.count == len(keys) == 5 and tally.key_sum == sum(keys)
