"""Every route with an integer argument, driven with hostile values: never a 5xx, nothing written.

The routes are read from ``app.url_map``, so a new route is included without being listed here.
Runs on whichever database the suite runs on (SQLite, then PostgreSQL in the second pass).
"""

import re
from urllib.parse import quote

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from werkzeug.routing import IntegerConverter

from survey_app.auth.models import Role
from survey_app.extensions import db
from tests.test_route_access import _sample

INT_MAX = 2**31 - 1
#: Tables a failed or refused request may still write to (audit of sensitive pages, throttles).
BOOKKEEPING = {"audit_events", "throttle_hits"}

hostile_ids = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.integers(min_value=INT_MAX - 2, max_value=2**64 + 2).map(str),                 # around the overflows
    st.integers(min_value=0, max_value=10**6).map(lambda n: "0" * 5 + str(n)),       # leading zeros
    st.text(st.characters(categories=["Nd"]), min_size=1, max_size=12),             # digits of any script
    st.text(st.sampled_from("0123456789"), min_size=20, max_size=5000),              # very long
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=40),                  # anything at all
)


def _int_routes(app) -> list[tuple[str, str, tuple[str, ...]]]:
    """(endpoint, rule, methods) for every rule with at least one integer argument."""
    routes = []
    for rule in app.url_map.iter_rules():
        if any(isinstance(conv, IntegerConverter) for conv in rule._converters.values()):
            methods = tuple(sorted(rule.methods - {"HEAD", "OPTIONS"}))
            routes.append((rule.endpoint, rule, methods))
    return sorted(routes, key=lambda route: route[1].rule)


def _url(rule, value: str) -> str:
    """The rule's path with every integer argument replaced by ``value`` (percent-encoded as a browser would)."""
    converters = rule._converters

    def fill(match: re.Match) -> str:
        name = match.group(1).rsplit(":", 1)[-1]
        if isinstance(converters[name], IntegerConverter):
            return quote(value, safe="")
        return quote(str(_sample(converters[name])), safe="")

    return re.sub(r"<([^<>]+)>", fill, rule.rule)


def _row_counts() -> dict[str, int]:
    return {table.name: db.session.scalar(select(func.count()).select_from(table))
            for table in db.metadata.sorted_tables if table.name not in BOOKKEEPING}


def test_every_integer_route_is_found(app):
    """The property below must really cover the staff routes named in the issue."""
    endpoints = {endpoint for endpoint, _, _ in _int_routes(app)}
    assert {"fieldwork.session_detail", "fieldwork.session_edit", "auth.user_edit",
            "questionnaires.version_detail", "reports.version_results"} <= endpoints


def test_hostile_ids_never_give_a_server_error(app, make_user, make_session):
    make_session()  # real rows, so small ids find something
    everyone = make_user(*Role)
    client = app.test_client()
    assert client.post("/auth/login", data={"email": everyone.email, "password": "correct-horse-battery"}
                       ).status_code == 302
    routes = _int_routes(app)
    real_ids = set(range(1, 100))  # the few rows made above, whatever table an id names

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(route=st.sampled_from(routes), value=hostile_ids, data=st.data())
    @example(route=next(r for r in routes if r[0] == "fieldwork.session_detail"), value="1" + "0" * 24,
             data=None)
    def check(route, value, data):
        endpoint, rule, methods = route
        method = data.draw(st.sampled_from(methods)) if data else methods[0]
        before = _row_counts()
        response = client.open(_url(rule, value), method=method, data={} if method == "POST" else None,
                               headers={"Origin": "http://localhost"})
        response.close()
        assert response.status_code < 500, f"{method} {endpoint} with {value[:60]!r}: {response.status_code}"
        db.session.rollback()
        # A value that is a real row's id (1, 0001 ...) may do what the route does for it, such as
        # duplicating session 1; every other value must leave the tables as they were.
        if not (value.isascii() and value.isdigit() and int(value) in real_ids):
            assert _row_counts() == before, f"{method} {endpoint} with {value[:60]!r} wrote rows"

    check()
