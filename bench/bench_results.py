"""Results pages against one hand-written GROUP BY over the raw answers, on the same rows in the same run.

Run from the project root: ``python -m bench.bench_results [--responses 100000] [--db postgresql|sqlite]``.
It makes a fresh database, builds ``--responses`` responses in sessions of about 40 children (one class,
so one age band, per session) across the demo places (one school per four sessions) through the
project's own tables, builds the running tallies
with ``flask tallies rebuild``'s service, then times, best of ``--rounds``:

- the results page's service (every agree_share item, pooled and by band, with its respondents);
- the plan's matrix for the city (every cell, rolled up per area through disclosure control);
- one item by district (S01 for every district);

each against the raw GROUP BY a researcher would write over ``answers`` ⋈ ``responses`` ⋈ sessions for
the same figures, and checks that both give identical true counts (before perturbation).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import insert, select, text

from bench.submit_setup import DEFAULT_PG_URL, Database, postgres_answers

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261204
BANDS = ("B", "C", "D")


def _best(work: Callable[[], object], rounds: int) -> tuple[float, object]:
    timings, result = [], None
    for _ in range(rounds):
        started = time.perf_counter()
        result = work()
        timings.append(time.perf_counter() - started)
    return min(timings), result


def build(responses: int, per_session: int) -> dict:
    """Sessions, sites, responses and answers through the app's tables, then the tallies."""
    from survey_app.auth import services as accounts
    from survey_app.auth.models import Role
    from survey_app.demo.services import DEMO_PLACES
    from survey_app.extensions import db
    from survey_app.fieldwork.models import Answer, AnswerSession, Response
    from survey_app.fieldwork.tallies import rebuild_tallies
    from survey_app.models_base import utcnow
    from survey_app.places.models import Place
    from survey_app.places.services import import_places
    from survey_app.questionnaires.loader import read_all
    from survey_app.questionnaires.services import get_definition, list_versions, load_definitions
    from survey_app.sites.models import Site

    rng = random.Random(SEED)
    instruments, _ = read_all(ROOT / "questionnaires")
    load_definitions(instruments)
    import_places(DEMO_PLACES.read_text(encoding="utf-8"))
    user = accounts.create_user("bench@example.org", "correct-horse-battery", {Role.FACILITATOR}, display_name="bench")
    db.session.commit()
    version = list_versions()[0]
    items = [i for i in get_definition(version).items if i.harmonise == "agree_share" and not i.practice]
    communities = list(db.session.scalars(select(Place).where(Place.level == "community").order_by(Place.code)))
    sessions = max(1, responses // per_session)
    sites = [{"street_code": c.parent_code, "kind": "school", "name": f"学校{n}", "name_key": f"学校{n}"}
             for n, c in enumerate(communities * (sessions // (4 * len(communities)) + 1))][: max(1, sessions // 4)]
    db.session.execute(insert(Site), sites)
    site_ids = list(db.session.scalars(select(Site.id).order_by(Site.id)))
    site_street = {site_id: street for site_id, street in db.session.execute(select(Site.id, Site.street_code))}
    now = utcnow()
    session_rows = []
    for n in range(sessions):
        site = site_ids[n // 4 % len(site_ids)]
        community = next(c for c in communities if c.parent_code == site_street[site])
        session_rows.append({
            "facilitator_id": user.id, "version_id": version.id, "title": f"s{n}", "allowed_bands": BANDS[n % 3],
            "district_code": community.code[:6], "street_code": community.code[:9], "community_code": community.code,
            "setting": "school", "setting_name": "", "site_id": site, "opens_at": now - timedelta(days=n % 300 + 1),
            "closes_at": now, "expected_count": per_session, "default_language": "zh", "join_code": f"B{n:09d}",
            "kiosk_pin_hash": "x", "status": "closed", "consent_method": "bench", "opted_out_count": 0})
    db.session.execute(insert(AnswerSession), session_rows)
    session_ids = list(db.session.scalars(select(AnswerSession.id).order_by(AnswerSession.id)))
    response_rows, answer_rows = [], []
    for n in range(responses):
        # A session is one class, so one age band: its children share the session's tally rows.
        session_index = n % len(session_ids)
        response_id, band = uuid.UUID(int=rng.getrandbits(128), version=4), BANDS[session_index % 3]
        response_rows.append({"id": response_id, "session_id": session_ids[session_index],
                              "version_id": version.id, "band": band, "submitted_on": date(2026, 11, 1),
                              "payload_digest": "0" * 64, "from_paper": False, "record_key": rng.randint(1, 255)})
        for item in items:
            band_item = item.bands.get(band)
            if band_item is None or band_item.scale is None or rng.random() < 0.05:
                continue
            codes = [p.code for p in band_item.scale.points] + [f"_{o[:2]}" for o in band_item.optouts[:1]]
            answer_rows.append({"response_id": response_id, "item_code": item.code, "value": rng.choice(codes),
                                "rank": None})
    for start in range(0, len(response_rows), 20_000):
        db.session.execute(insert(Response), response_rows[start:start + 20_000])
    for start in range(0, len(answer_rows), 50_000):
        db.session.execute(insert(Answer), answer_rows[start:start + 50_000])
    db.session.commit()
    started = time.perf_counter()
    tallies = rebuild_tallies()
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("ANALYZE"))
        db.session.commit()
    return {"version": version, "items": items, "sessions": sessions, "answers": len(answer_rows),
            "tallies": tallies, "rebuild": time.perf_counter() - started}


RAW_RESULTS = ("SELECT a.item_code, r.band, a.value, count(*) FROM answers a JOIN responses r ON r.id = a.response_id "
               "WHERE r.version_id = :version GROUP BY a.item_code, r.band, a.value")
RAW_MATRIX = ("SELECT coalesce(s.community_code, s.street_code), r.band, a.item_code, a.value, count(*) "
              "FROM answers a JOIN responses r ON r.id = a.response_id JOIN answer_sessions s ON s.id = r.session_id "
              "WHERE r.version_id = :version GROUP BY 1, 2, 3, 4")
RAW_DISTRICTS = ("SELECT s.district_code, r.band, a.value, count(*) FROM answers a "
                 "JOIN responses r ON r.id = a.response_id JOIN answer_sessions s ON s.id = r.session_id "
                 "WHERE r.version_id = :version AND a.item_code = 'S01' GROUP BY 1, 2, 3")


def measure(built: dict, rounds: int) -> list[tuple[str, float, float, bool]]:
    from survey_app.extensions import db
    from survey_app.places.services import children_of
    from survey_app.privacy.disclosure import Audience
    from survey_app.reports import matrix, services
    from survey_app.reports.distributions import ResultFilters, filtered_tallies, item_distribution

    version, internal = built["version"], Audience.INTERNAL

    def raw(sql: str) -> list[tuple]:
        return db.session.execute(text(sql), {"version": version.id}).all()

    rows = []
    app_s, _ = _best(lambda: (services.agree_results(version, internal), services.count_respondents(version, internal)),
                     rounds)
    raw_s, raw_rows = _best(lambda: raw(RAW_RESULTS), rounds)
    tallied = services._tallies(version)
    same = all(tallied.get((code, band), {}).get(value) is not None
               and tallied[(code, band)][value].count == n for code, band, value, n in raw_rows)
    rows.append(("results page (every item, by band)", app_s, raw_s, same))

    app_s, _ = _best(lambda: matrix.plan_matrix(version, None, internal), rounds)
    raw_s, raw_rows = _best(lambda: raw(RAW_MATRIX), rounds)
    codes = [i.code for cells in matrix.matrix_items(version).values() for i in cells]
    areas, _ = matrix._area_tallies(version, codes)
    same = all(areas.get(area, {}).get((band, code, value), (None,))[0] == n
               for area, band, code, value, n in raw_rows if code in codes)
    rows.append(("plan matrix, city (6 × 3 cells)", app_s, raw_s, same))

    districts = [d.code for d in children_of(None, "district")]
    app_s, _ = _best(lambda: [item_distribution(version, "S01", ResultFilters(place=d), internal, "zh")
                              for d in districts], rounds)
    raw_s, raw_rows = _best(lambda: raw(RAW_DISTRICTS), rounds)
    by_district = {d: filtered_tallies(version, "S01", ResultFilters(place=d)) for d in districts}
    same = all(by_district[d].get(band, {}).get(value) is not None and by_district[d][band][value].count == n
               for d, band, value, n in raw_rows)
    rows.append(("one item by district (S01)", app_s, raw_s, same))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--per-session", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--db", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL)
    args = parser.parse_args(argv)
    kind = args.db
    if kind == "postgresql" and not postgres_answers(args.pg_url):
        print(f"PostgreSQL does not answer at {args.pg_url}: using SQLite")
        kind = "sqlite"
    with tempfile.TemporaryDirectory() as folder:
        database = Database(kind, Path(folder), args.pg_url)
        database.create()
        try:
            return _run(database, args)
        finally:
            database.drop()


def _run(database: Database, args) -> int:
    from survey_app import create_app
    from survey_app.extensions import db

    url = database.url.replace("postgresql://", "postgresql+psycopg://", 1)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        db.create_all()
        started = time.perf_counter()
        built = build(args.responses, args.per_session)
        print(f"results benchmark on {database.kind}: {args.responses:,} responses in {built['sessions']:,} sessions, "
              f"{built['answers']:,} answer rows, {built['tallies']:,} tally rows "
              f"(built in {time.perf_counter() - started:.0f} s; tallies rebuilt in {built['rebuild']:.1f} s)")
        rows = measure(built, args.rounds)
        print(f"{'page':<38} {'app':>9} {'raw GROUP BY':>13} {'ratio':>8}  same counts")
        for label, app_s, raw_s, same in rows:
            print(f"{label:<38} {app_s:>8.3f}s {raw_s:>12.3f}s {raw_s / app_s:>7.1f}×  {'yes' if same else 'NO'}")
        db.session.remove()
        db.engine.dispose()
    return 0 if all(same for *_, same in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
