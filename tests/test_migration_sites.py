"""The migration that makes schools entities, with sessions in the table, on the suite's database."""

from __future__ import annotations

from flask_migrate import downgrade, upgrade
from sqlalchemy import select, text

from survey_app.demo.services import load_demo_data, load_demo_session
from survey_app.extensions import db
from survey_app.fieldwork.models import AnswerSession
from survey_app.sites.models import Site
from tests.test_migration_submission_ids import MIGRATIONS, migrated_app  # noqa: F401 (fixture)

BEFORE = "e5b1c7d3a9f2"


def test_existing_sessions_get_one_site_per_street_and_folded_name(migrated_app):  # noqa: F811
    upgrade(directory=MIGRATIONS)
    load_demo_data()
    load_demo_session()
    db.session.commit()
    db.session.remove()
    downgrade(directory=MIGRATIONS, revision=BEFORE)
    with db.engine.begin() as connection:
        template = connection.execute(text("SELECT id FROM answer_sessions")).scalar_one()
        for number, (name, street) in enumerate([("园岭小学", "440304002"), (" 园岭 小学", "440304002"),
                                                 ("园岭小学", "440304001"), ("", "440304002")]):
            connection.execute(text(
                "INSERT INTO answer_sessions (facilitator_id, version_id, title, allowed_bands, district_code, "
                "street_code, community_code, setting, setting_name, grade, contact, opens_at, closes_at, "
                "expected_count, default_language, join_code, kiosk_pin_hash, status, consent_method, "
                "opted_out_count, lock_generation, lock_rotated_at, arrived_after_close, created_at, updated_at) "
                "SELECT facilitator_id, version_id, title, allowed_bands, district_code, :street, NULL, setting, "
                ":name, grade, contact, opens_at, closes_at, expected_count, default_language, :code, "
                "kiosk_pin_hash, status, consent_method, opted_out_count, lock_generation, lock_rotated_at, "
                "arrived_after_close, created_at, updated_at FROM answer_sessions WHERE id = :id"),
                {"street": street, "name": name, "code": f"MIGR{number}", "id": template})

    upgrade(directory=MIGRATIONS)
    sites = {(s.street_code, s.name): s.id for s in db.session.scalars(select(Site))}
    assert set(sites) == {("440304002", "园岭小学（演示）"), ("440304002", "园岭小学"), ("440304001", "园岭小学")}
    by_code = {s.join_code: s.site_id for s in db.session.scalars(select(AnswerSession))}
    assert by_code["MIGR0"] == by_code["MIGR1"] == sites[("440304002", "园岭小学")]
    assert by_code["MIGR2"] == sites[("440304001", "园岭小学")]
    assert by_code["MIGR3"] is None  # no name: no site, and it counts for no school
