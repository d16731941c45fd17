"""The raw baseline for ``bench.bench_submit``: a minimal Flask app that stores a submission with plain SQL.

It accepts the kiosk's JSON payload at the same path shape (``POST /k/<code>/submit``) and, in one
transaction, inserts exactly the rows the real endpoint inserts into the same tables: the ``responses``
row (with the same payload digest and city date), one ``answers`` row per chosen value (with the rank
for ranking items), one ``text_answers`` row per free-text answer (kept as written: no screening), and
the same single ``INSERT ... ON CONFLICT DO UPDATE`` on ``answer_tallies`` and on ``area_tallies`` (with the
same '_answered', rank position, '_asked' and '_responses' counts), and on ``breakdown_tallies`` once per
background answer. What it leaves out is the app itself: no session lookup, tablet lock, origin check,
answer checks, ORM or screening. Which items a relevance rule shows and which answers a breakdown
crosses it decides with the app's own two functions over the shipped instrument (``BENCH_INSTRUMENT``),
as the same work must be done by both.

Served by gunicorn with the project's ``gunicorn.conf.py``; configured by environment variables:

``SURVEY_SQLALCHEMY_DATABASE_URI``  the database (``sqlite:///path`` or ``postgresql://...``), as for the app
``BENCH_SESSION_ID``, ``BENCH_VERSION_ID``  the session and questionnaire version the rows belong to
``BENCH_RANK_ITEMS``, ``BENCH_MULTIPLE_ITEMS``, ``BENCH_TEXT_ITEMS``  comma-separated item codes by type
``BENCH_AREA_CODE``  the session's community or street (the area tallies' key)
``BENCH_TIMEZONE``  the city's time zone for ``submitted_on`` (default Asia/Shanghai)
``BENCH_INSTRUMENT``  the instrument's file (default the shipped questionnaires/me-and-my-city/instrument.yaml)
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import sqlite3
import threading
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import Flask, request

from survey_app.fieldwork.breakdowns import breakdowns_of, crossed_tallies
from survey_app.questionnaires.answers import asked_with_rule
from survey_app.questionnaires.loader import read_definition

OPTOUT_CODES = {"_dk", "_na", "_pn"}
DATABASE_URL = os.environ.get("SURVEY_SQLALCHEMY_DATABASE_URI", "")
SESSION_ID = int(os.environ.get("BENCH_SESSION_ID", "0"))
VERSION_ID = int(os.environ.get("BENCH_VERSION_ID", "0"))
RANK_ITEMS = set(filter(None, os.environ.get("BENCH_RANK_ITEMS", "").split(",")))
TEXT_ITEMS = set(filter(None, os.environ.get("BENCH_TEXT_ITEMS", "").split(",")))
MULTIPLE_ITEMS = set(filter(None, os.environ.get("BENCH_MULTIPLE_ITEMS", "").split(",")))
AREA_CODE = os.environ.get("BENCH_AREA_CODE", "")
CITY = ZoneInfo(os.environ.get("BENCH_TIMEZONE", "Asia/Shanghai"))
IS_SQLITE = DATABASE_URL.startswith("sqlite")
DEFINITION = read_definition(Path(os.environ.get("BENCH_INSTRUMENT") or Path(__file__).resolve().parent.parent
                                  / "questionnaires" / "me-and-my-city" / "instrument.yaml"))[0]
MARK = "?" if IS_SQLITE else "%s"

INSERT_RESPONSE = ("INSERT INTO responses (id, session_id, version_id, band, submitted_on, payload_digest, "
                   f"record_key) VALUES ({', '.join([MARK] * 7)})")
INSERT_ANSWER = f"INSERT INTO answers (response_id, item_code, value, rank) VALUES ({', '.join([MARK] * 4)})"
INSERT_TEXT = ("INSERT INTO text_answers (response_id, item_code, redacted, detected) "
               f"VALUES ({', '.join([MARK] * 4)})")
# The same work as the app's tallies: the count and the record key's sum (cell-key perturbation), one
# statement per table: a VALUES list on SQLite, two arrays on PostgreSQL (as the app sends them, so the
# driver can prepare the statement once).
SCOPES = {"answer_tallies": ("session_id", "band"), "area_tallies": ("version_id", "area_code", "band"),
          "breakdown_tallies": ("version_id", "area_code", "band", "by_item", "by_value")}


def upsert_sql(table: str, rows: int) -> str:
    scope = SCOPES[table]
    columns = f"{', '.join(scope)}, item_code, value, count, key_sum"
    conflict = (f"ON CONFLICT ({', '.join(scope)}, item_code, value) DO UPDATE SET count = {table}.count + 1, "
                f"key_sum = {table}.key_sum + excluded.key_sum")
    if IS_SQLITE:
        row = f"({', '.join([MARK] * (len(scope) + 2))}, 1, {MARK})"
        return f"INSERT INTO {table} ({columns}) VALUES {', '.join([row] * rows)} {conflict}"
    return (f"INSERT INTO {table} ({columns}) SELECT {', '.join(['%s'] * len(scope))}, item, value, 1, %s "
            f"FROM unnest(%s::text[], %s::text[]) AS t(item, value) {conflict}")


def upsert(cursor, table: str, scope: tuple, pairs: list[tuple[str, str]], record_key: int) -> None:
    if IS_SQLITE:
        params = [part for code, value in pairs for part in (*scope, code, value, record_key)]
    else:
        params = [*scope, record_key, [code for code, _ in pairs], [value for _, value in pairs]]
    cursor.execute(upsert_sql(table, len(pairs)), params)


app = Flask(__name__)
_local = threading.local()


def _connect():
    """One connection per worker thread, opened after gunicorn forks (the app's pool keeps them too)."""
    if IS_SQLITE:
        connection = sqlite3.connect(DATABASE_URL.split(":///", 1)[1], check_same_thread=False)
        # The same pragmas the app sets on its own SQLite connections.
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA busy_timeout=5000")
        return connection
    import psycopg

    return psycopg.connect(DATABASE_URL.replace("postgresql+psycopg://", "postgresql://", 1))


def connection():
    if getattr(_local, "connection", None) is None:
        _local.connection = _connect()
    return _local.connection


def rows_for(submission_id: str, band: str, answers: dict) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """The answers rows, text_answers rows and tally keys of one submission (as the app makes them)."""
    answer_rows, text_rows, values = [], [], set()
    for code, answer in answers.items():
        if code in TEXT_ITEMS and answer not in OPTOUT_CODES:
            text_rows.append((submission_id, code, answer.strip(), ""))
            values.add((code, "_text"))
            continue
        chosen = answer if isinstance(answer, list) else [answer]
        for position, value in enumerate(chosen, start=1):
            answer_rows.append((submission_id, code, str(value), position if code in RANK_ITEMS else None))
            values.add((code, str(value)))
            if code in RANK_ITEMS and not str(value).startswith("_"):
                values.add((code, f"_r{position}:{value}"))
        if code in RANK_ITEMS | MULTIPLE_ITEMS and any(not str(v).startswith("_") for v in chosen):
            values.add((code, "_answered"))
    values.update((code, "_asked") for code in asked_with_rule(DEFINITION, band, answers))
    values.add(("_responses", "_n"))
    tallies = [(SESSION_ID, band, code, value) for code, value in sorted(values)]
    return answer_rows, text_rows, tallies


@app.post("/k/<code>/submit")
def submit(code: str):
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict) or not isinstance(payload.get("submission_id"), str) \
            or not isinstance(payload.get("band"), str) or not isinstance(payload.get("answers", {}), dict):
        return {"error": "bad payload"}, 400
    submission_id, band, answers = payload["submission_id"], payload["band"], payload.get("answers", {})
    canonical = json.dumps([SESSION_ID, band, answers], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(canonical.encode()).hexdigest()
    today = datetime.now(CITY).date()
    answer_rows, text_rows, tallies = rows_for(submission_id, band, answers)
    conn = connection()
    try:
        cursor = conn.cursor()
        record_key = random.randint(1, 255)
        cursor.execute(INSERT_RESPONSE, (submission_id, SESSION_ID, VERSION_ID, band,
                                         today.isoformat() if IS_SQLITE else today, digest, record_key))
        if answer_rows:
            cursor.executemany(INSERT_ANSWER, answer_rows)
        if text_rows:
            cursor.executemany(INSERT_TEXT, text_rows)
        if tallies:
            pairs = [(code, value) for _, _, code, value in tallies]
            upsert(cursor, "answer_tallies", (SESSION_ID, band), pairs, record_key)
            upsert(cursor, "area_tallies", (VERSION_ID, AREA_CODE, band), pairs, record_key)
            crossed = crossed_tallies(DEFINITION, pairs, ("_responses", "_n"), "_answered")
            for by_item, by_value in breakdowns_of(DEFINITION, answers) if crossed else ():
                upsert(cursor, "breakdown_tallies", (VERSION_ID, AREA_CODE, band, by_item, by_value), crossed,
                       record_key)
        conn.commit()
    except Exception:
        conn.rollback()
        raise
    return {"stored": True, "help": False}, 201


@app.get("/healthz")
def healthz():
    """A trivial endpoint: the bench measures its own client's top rate against it."""
    return {"status": "ok"}, 200
