"""Schools and places are entities: one per street and name, chosen on the session form, merged by admins,
counted by the public "at least 3 schools" rule, and never named to researchers."""

import csv
import io

import pytest
from sqlalchemy import func, select

from survey_app.auth.models import Role
from survey_app.fieldwork.models import AnswerSession
from survey_app.reports.services import count_settings
from survey_app.sites.models import Site
from survey_app.sites.services import site_name_key


def _form(shipped_version, **overrides):
    data = {"title": "四年级", "version_id": shipped_version.id, "bands": ["B"], "street": "440304002",
            "community": "", "setting": "school", "setting_name": "园岭小学", "grade": "", "contact": "",
            "opens_at": "2026-12-01T09:00", "closes_at": "2026-12-01T11:00", "expected_count": "40",
            "default_language": "zh", "pin": "135790"}
    data.update(overrides)
    return data


def _site_count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Site))


@pytest.mark.parametrize("spelling, same_as", [
    (" 园岭 小学 ", "园岭小学"), ("园岭小学\u3000", "园岭小学"), ("ＹＬ小学", "YL小学"), ("yl小学", "YL小学"),
    ("园岭小学（）", "园岭小学"), ("园岭·小学", "园岭小学")])
def test_spaces_width_case_and_punctuation_do_not_make_a_second_school(spelling, same_as):
    assert site_name_key(spelling) == site_name_key(same_as)
    assert site_name_key(spelling) != site_name_key("园岭中学")


def test_the_same_school_typed_twice_is_one_site_and_another_street_is_another(client, db, login_as,
                                                                              shipped_version):
    login_as(Role.FACILITATOR)
    for name, street in [("园岭小学", "440304002"), ("园岭 小学", "440304002"), ("园岭小学", "440304001")]:
        assert client.post("/sessions/new", data=_form(shipped_version, setting_name=name,
                                                       street=street)).status_code == 302
    assert _site_count(db) == 2
    sites = {s.street_code: s for s in db.session.scalars(select(Site))}
    sessions = list(db.session.scalars(select(AnswerSession).order_by(AnswerSession.id)))
    assert sessions[0].site_id == sessions[1].site_id == sites["440304002"].id
    assert sessions[2].site_id == sites["440304001"].id
    assert sessions[1].setting_name == "园岭小学"  # the site's name, as first written


def test_the_form_offers_the_streets_sites_and_a_chosen_one_is_used(client, db, login_as, shipped_version):
    login_as(Role.FACILITATOR)
    client.post("/sessions/new", data=_form(shipped_version))
    site = db.session.scalar(select(Site))
    html = client.get("/sessions/new").get_data(as_text=True)
    assert f'data-street="440304002" value="{site.id}"' in html or f'value="{site.id}" data-street="440304002"' in html
    response = client.post("/sessions/new", data=_form(shipped_version, site=str(site.id), setting_name=""))
    assert response.status_code == 302
    assert _site_count(db) == 1
    assert db.session.scalar(select(func.count()).where(AnswerSession.site_id == site.id)) == 2


@pytest.mark.parametrize("overrides, message", [
    ({"site": "", "setting_name": ""}, "Choose the school or place from the list, or give its name"),
    ({"site": "999999", "setting_name": ""}, "Choose a school or place in the session"),
    ({"site": "abc", "setting_name": ""}, "Choose a school or place from the list"),
    ({"site": "", "setting_name": "（）·"}, "Give the name of the school or place"),
])
def test_a_missing_or_foreign_site_is_a_clear_error(client, db, login_as, shipped_version, overrides, message):
    login_as(Role.FACILITATOR)
    client.get("/lang/en")
    response = client.post("/sessions/new", data=_form(shipped_version, **overrides))
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(AnswerSession)) == 0


def test_a_site_of_another_street_cannot_be_chosen(client, db, login_as, shipped_version):
    login_as(Role.FACILITATOR)
    client.get("/lang/en")
    client.post("/sessions/new", data=_form(shipped_version, street="440304001"))
    site = db.session.scalar(select(Site))
    response = client.post("/sessions/new", data=_form(shipped_version, site=str(site.id), setting_name=""))
    assert response.status_code == 200 and "in the session&#39;s street" in response.get_data(as_text=True)


def test_the_public_rule_counts_sites_not_spellings(db, make_session, kiosk_submit, shipped_version):
    for spelling in ["测试小学", "测试 小学", "测试小学 "]:
        session = make_session()
        session.setting_name = spelling  # what the old rule counted; the site is what counts now
        db.session.commit()
        kiosk_submit(session, "B", {"S01": "yes"})
    assert count_settings(shipped_version) == 1


def _public_s01(client, version):
    text = client.get(f"/results/{version.id}/results.csv?audience=public").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    return dict(zip(rows[0], next(r for r in rows if r[0] == "S01"), strict=True))


def test_three_schools_unlock_a_public_figure_and_merging_a_spelling_locks_it_again(
        client, db, app, login_as, make_session, kiosk_submit, shipped_version):
    from survey_app.sites.services import find_or_add_site

    sessions = [make_session() for _ in range(3)]

    for session, name in zip(sessions, ["一小", "二小", "三小"], strict=True):
        session.site_id = find_or_add_site(session.street_code, "school", name).id
        db.session.commit()
        for i in range(12):
            kiosk_submit(session, "B", {"S01": "yes" if i % 2 else "no"})
    login_as(Role.RESEARCHER)
    assert _public_s01(client, shipped_version)["agree_pooled"].endswith("%")

    login_as(Role.ADMIN)
    ids = {s.name: s.id for s in db.session.scalars(select(Site))}
    response = client.post("/sites/", data={"duplicate": ids["三小"], "keep": ids["二小"]})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Site, ids["三小"]) is None
    assert db.session.get(AnswerSession, sessions[2].id).setting_name == "二小"
    assert count_settings(shipped_version) == 2
    login_as(Role.RESEARCHER)
    assert _public_s01(client, shipped_version)["agree_pooled"] == "*"  # two schools: the area rule hides it


def test_only_admins_merge_and_only_within_a_street(client, db, login_as, make_session):
    from survey_app.sites.services import find_or_add_site

    one, other = find_or_add_site("440304002", "school", "一小"), find_or_add_site("440304001", "school", "二小")
    db.session.commit()
    login_as(Role.FACILITATOR)
    assert "一小" in client.get("/sites/").get_data(as_text=True)
    assert client.post("/sites/", data={"duplicate": one.id, "keep": other.id}).status_code == 403
    login_as(Role.ADMIN)
    client.get("/lang/en")
    for data in [{"duplicate": one.id, "keep": other.id}, {"duplicate": one.id, "keep": one.id},
                 {"duplicate": 424242, "keep": one.id}, {"duplicate": "x", "keep": "y"}]:
        response = client.post("/sites/", data=data)
        assert response.status_code == 200, data
    assert _site_count(db) == 2


def test_researchers_never_see_a_schools_name(client, db, login_as, make_session, kiosk_submit, shipped_version):
    session = make_session()
    kiosk_submit(session, "B", {"S01": "yes"})
    login_as(Role.RESEARCHER)
    assert "测试小学" not in client.get(f"/results/{shipped_version.id}").get_data(as_text=True)
    assert "测试小学" not in client.get(f"/results/{shipped_version.id}/results.csv").get_data(as_text=True)
    assert client.get("/sites/").status_code == 403


@pytest.mark.parametrize("body", ["duplicate=%ED%A0%80&keep=1",  # a lone surrogate, as raw UTF-8 bytes
                                  "duplicate=" + "9" * 400 + "&keep=1", "duplicate[]=1",
                                  "keep=1&keep=2&duplicate=3&duplicate=4", "duplicate=%00&keep=-1"])
def test_hostile_merge_forms_are_refused_with_the_list_shown(client, db, login_as, body):
    login_as(Role.ADMIN)
    response = client.post("/sites/", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200 and _site_count(db) == 0


def test_a_huge_site_id_on_the_session_form_is_a_clear_error(client, db, login_as, shipped_version):
    login_as(Role.FACILITATOR)
    client.get("/lang/en")
    response = client.post("/sessions/new", data=_form(shipped_version, site="9" * 400, setting_name=""))
    assert response.status_code == 200 and "Choose a school or place in the session" in response.get_data(as_text=True)
