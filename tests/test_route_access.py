"""Every registered route, walked by every role and by an anonymous visitor.

Adding a route without adding its expectation here fails ``test_every_route_has_an_expectation``.
"""

import pytest
from werkzeug.routing import IntegerConverter, PathConverter, UUIDConverter

from survey_app.auth.models import Role

PUBLIC = "public"
#: Public, and nothing but a redirect to the sign-in page (so it must not be mistaken for a refusal).
TO_SIGN_IN = "redirects to sign-in"
ANY_STAFF = frozenset(Role)
ADMIN = frozenset({Role.ADMIN})
RUNNERS = frozenset({Role.ADMIN, Role.FACILITATOR})

#: endpoint -> PUBLIC, or the roles that may use it (everyone else: 403, anonymous: sign-in page).
EXPECTED_ACCESS: dict[str, object] = {
    "static": PUBLIC,
    "core.home": PUBLIC,
    "core.set_language": PUBLIC,
    "core.healthz": PUBLIC,
    "core.login_redirect": TO_SIGN_IN,
    "auth.login": PUBLIC,
    "auth.logout": ANY_STAFF,
    "auth.users": ADMIN,
    "auth.user_new": ADMIN,
    "auth.user_edit": ADMIN,
    "auth.account_audit": ADMIN,
    "places.place_list": ADMIN,
    "places.place_options": frozenset({Role.ADMIN, Role.FACILITATOR, Role.RESEARCHER}),
    "questionnaires.instrument_list": frozenset({Role.ADMIN, Role.FACILITATOR, Role.RESEARCHER}),
    "questionnaires.version_detail": frozenset({Role.ADMIN, Role.FACILITATOR, Role.RESEARCHER}),
    "questionnaires.version_xlsform": frozenset({Role.ADMIN, Role.FACILITATOR, Role.RESEARCHER}),
    "questionnaires.version_yaml": frozenset({Role.ADMIN, Role.FACILITATOR, Role.RESEARCHER}),
    **{f"questionnaires.{name}": ADMIN for name in ("import_workbook", "import_preview", "import_yaml", "import_save")},
    **{f"fieldwork.{name}": RUNNERS for name in (
        "session_list", "session_new", "session_edit", "session_detail", "session_progress", "session_consent",
        "session_action", "session_duplicate", "session_sheet", "guardian_letter")},
    "fieldwork.session_discard": ADMIN,
    "sites.site_list": RUNNERS,
    "paper.paper_print": RUNNERS,
    "paper.paper_enter": RUNNERS,
    "safeguarding.queue": frozenset({Role.SAFEGUARDING}),
    "safeguarding.concern_detail": frozenset({Role.SAFEGUARDING}),
    "safeguarding.lexicon": frozenset({Role.SAFEGUARDING}),
    "safeguarding.audit_log": frozenset({Role.SAFEGUARDING, Role.ADMIN}),
    "reports.results_index": frozenset({Role.RESEARCHER, Role.ADMIN}),
    "reports.version_results": frozenset({Role.RESEARCHER, Role.ADMIN}),
    "reports.version_results_csv": frozenset({Role.RESEARCHER, Role.ADMIN}),
    "reports.item_results": frozenset({Role.RESEARCHER, Role.ADMIN}),
    "reports.plan_matrix_page": frozenset({Role.RESEARCHER, Role.ADMIN}),
    "reports.policy_brief": frozenset({Role.RESEARCHER, Role.ADMIN}),
    "reports.policy_brief_pdf": frozenset({Role.RESEARCHER, Role.ADMIN}),
    **{f"exports.{name}": frozenset({Role.RESEARCHER, Role.ADMIN}) for name in (
        "export_index", "export_page", "codebook_page")},
    "exports.export_log": ADMIN,
    # The child's side: no account; a session's join code, the tablet lock and its PIN guard it.
    **{f"kiosk.{name}": PUBLIC for name in ("join", "unlock", "survey", "submit", "release", "basic_survey",
                                                      "facilitator_check", "session_facts", "service_worker")},
}

SAMPLE_ARGS = {IntegerConverter: 999_999, PathConverter: "x", UUIDConverter: "00000000-0000-4000-8000-000000000000"}


def _sample(converter) -> object:
    """A value for a URL argument, by the kind of converter (the app's own ``int`` is a subclass)."""
    return next((value for kind, value in SAMPLE_ARGS.items() if isinstance(converter, kind)), "ZZZZZZ")


def _routes(app):
    for rule in app.url_map.iter_rules():
        args = {name: _sample(conv) for name, conv in rule._converters.items()}
        if rule.endpoint == "static":
            args = {"filename": "css/app.css"}
        method = "GET" if "GET" in rule.methods else sorted(rule.methods - {"HEAD", "OPTIONS"})[0]
        yield rule.endpoint, rule.build(args, append_unknown=False)[1], method


def test_every_route_has_an_expectation(app):
    missing = sorted({endpoint for endpoint, _, _ in _routes(app)} - set(EXPECTED_ACCESS))
    assert not missing, f"routes without an access expectation: {missing}"


@pytest.mark.parametrize("role", [None, *Role], ids=lambda r: r.value if r else "anonymous")
def test_routes_allow_exactly_the_expected_roles(app, make_user, role):
    client = app.test_client()
    if role:
        user = make_user(role)
        assert client.post("/auth/login", data={"email": user.email, "password": "correct-horse-battery"}
                           ).status_code == 302
    wrong = []
    for endpoint, url, method in _routes(app):
        expected = EXPECTED_ACCESS.get(endpoint)
        if expected is None or endpoint == "auth.logout":
            continue
        response = client.open(url, method=method, headers={"Origin": "http://localhost"})
        response.close()
        if expected == TO_SIGN_IN:
            if response.status_code != 302 or not response.headers["Location"].startswith("/auth/login"):
                wrong.append(f"{method} {url} -> {response.status_code}: should redirect to /auth/login")
            continue
        to_login = response.status_code == 302 and "/auth/login" in response.headers.get("Location", "")
        denied = response.status_code == 403 or to_login
        allowed = expected == PUBLIC or (role is not None and role in expected)
        if allowed == denied:
            wrong.append(f"{method} {url} -> {response.status_code} (allowed={allowed})")
        if not allowed and role is None and not to_login and expected != PUBLIC:
            wrong.append(f"{method} {url}: anonymous should be sent to sign in, got {response.status_code}")
    assert not wrong, "\n".join(wrong)
