"""The raw baseline for ``bench.bench_submit``: a minimal Flask app that stores a submission with plain SQL.

It accepts the kiosk's JSON payload at the same path shape (``POST /k/<code>/submit``) and, in one
transaction, inserts exactly the rows the real endpoint inserts into the same tables: the ``responses``
row (with the same payload digest and city date), one ``answers`` row per chosen value (with the rank
for ranking items), one ``text_answers`` row per free-text answer (kept as written: no screening), and
the same single ``INSERT ... ON CONFLICT DO UPDATE`` on ``answer_tallies`` and on ``area_tallies`` (with the
same '_answered' and '_responses' counts). What it leaves out is the
app itself: no session lookup, tablet lock, origin check, answer checks, ORM or screening.

Served by gunicorn with the project's ``gunicorn.conf.py``; configured by environment variables:

``SURVEY_SQLALCHEMY_DATABASE_URI``  the database (``sqlite:///path`` or ``postgresql://...``), as for the app
``BENCH_SESSION_ID``, ``BENCH_VERSION_ID``  the session and questionnaire version the rows belong to
``BENCH_RANK_ITEMS``, ``BENCH_MULTIPLE_ITEMS``, ``BENCH_TEXT_ITEMS``  comma-separated item codes by type
``BENCH_AREA_CODE``  the session's community or street (the area tallies' key)
``BENCH_TIMEZONE``  the city's time zone for ``submitted_on`` (default Asia/Shanghai)
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import sqlite3
import threading
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Flask, request

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
MARK = "?" if IS_SQLITE else "%s"

INSERT_RESPONSE = ("INSERT INTO responses (id, session_id, version_id, band, submitted_on, payload_digest, "
                   f"record_key) VALUES ({', '.join([MARK] * 7)})")
INSERT_ANSWER = f"INSERT INTO answers (response_id, item_code, value, rank) VALUES ({', '.join([MARK] * 4)})"
INSERT_TEXT = ("INSERT INTO text_answers (response_id, item_code, redacted, detected) "
               f"VALUES ({', '.join([MARK] * 4)})")
TALLY_ROW = f"({MARK}, {MARK}, {MARK}, {MARK}, 1, {MARK})"
# The same work as the app's tallies: the count and the record key's sum (cell-key perturbation).
UPSERT_TALLIES = ("INSERT INTO answer_tallies (session_id, band, item_code, value, count, key_sum) VALUES {rows} "
                  "ON CONFLICT (session_id, band, item_code, value) DO UPDATE SET count = answer_tallies.count + 1, "
                  "key_sum = answer_tallies.key_sum + excluded.key_sum")
AREA_ROW = f"({MARK}, {MARK}, {MARK}, {MARK}, {MARK}, 1, {MARK})"
UPSERT_AREAS = ("INSERT INTO area_tallies (version_id, area_code, band, item_code, value, count, key_sum) "
                "VALUES {rows} "
                "ON CONFLICT (version_id, area_code, band, item_code, value) DO UPDATE SET "
                "count = area_tallies.count + 1, key_sum = area_tallies.key_sum + excluded.key_sum")

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
        if code in RANK_ITEMS | MULTIPLE_ITEMS and any(not str(v).startswith("_") for v in chosen):
            values.add((code, "_answered"))
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
            cursor.execute(UPSERT_TALLIES.format(rows=", ".join([TALLY_ROW] * len(tallies))),
                           [part for row in tallies for part in (*row, record_key)])
            cursor.execute(UPSERT_AREAS.format(rows=", ".join([AREA_ROW] * len(tallies))),
                           [part for _, b, code, value in tallies for part in (VERSION_ID, AREA_CODE, b, code, value,
                                                                                record_key)])
        conn.commit()
    except Exception:
        conn.rollback()
        raise
    return {"stored": True, "help": False}, 201


@app.get("/healthz")
def healthz():
    """A trivial endpoint: the bench measures its own client's top rate against it."""
    return {"status": "ok"}, 200
