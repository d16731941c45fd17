"""The sign-in throttle: guessing one account stays hopeless, and a stranger cannot lock its owner out.

Time passes by moving the stored throttle rows into the past, as the clock would.
"""

import hashlib
import threading
from datetime import timedelta

from sqlalchemy import select

from survey_app.core.models import ThrottleHit
from tests.fixtures.users import PASSWORD

OFFICE = "192.0.2.10"  # where the owner usually works
HOME = "192.0.2.77"  # somewhere the owner never signed in from
STRANGER = "198.51.100.66"
SCHOOL = "203.0.113.5"  # one NAT address for a whole school
WRONG = "not-the-password"


def _client(app, address):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def _login(client, email, password=PASSWORD):
    return client.post("/auth/login", data={"email": email, "password": password})


def _pass_time(db, seconds):
    for hit in db.session.scalars(select(ThrottleHit)):
        hit.hit_at = hit.hit_at - timedelta(seconds=seconds)
    db.session.commit()


def _hammer(client, email, times):
    """A stranger's script: ``times`` wrong passwords as fast as the server answers; returns the statuses."""
    return [_login(client, email, WRONG).status_code for _ in range(times)]


def test_a_stranger_hammering_the_account_does_not_lock_the_owner_out(app, make_user):
    owner = make_user()
    statuses = _hammer(_client(app, STRANGER), owner.email, 60)
    assert statuses.count(200) == app.config["LOGIN_FREE_FAILURES"] and statuses.count(429) == 55
    assert _login(_client(app, HOME), owner.email).status_code == 302  # even from a new address
    assert _login(_client(app, OFFICE), owner.email).status_code == 302


def test_the_owner_signs_in_from_their_usual_address_while_many_addresses_guess(app, db, make_user):
    owner = make_user()
    assert _login(_client(app, OFFICE), owner.email).status_code == 302  # a usual place: signed in before
    app.config["LOGIN_ACCOUNT_MAX_FAILURES"] = 10
    for n in range(10):
        assert _login(_client(app, f"198.51.100.{n}"), owner.email, WRONG).status_code == 200
    blocked = _login(_client(app, "198.51.100.200"), owner.email)  # the right password from a new address
    assert blocked.status_code == 429
    assert _login(_client(app, OFFICE), owner.email).status_code == 302  # a fresh browser at the office


def test_the_owners_browser_gets_past_the_account_ceiling_from_anywhere(app, make_user):
    owner = make_user()
    browser = _client(app, OFFICE)
    assert _login(browser, owner.email).status_code == 302
    browser.post("/auth/logout")
    app.config["LOGIN_ACCOUNT_MAX_FAILURES"] = 10
    for n in range(10):
        _login(_client(app, f"198.51.100.{n}"), owner.email, WRONG)
    browser.environ_base["REMOTE_ADDR"] = HOME  # the same laptop, now on mobile data
    assert _login(browser, owner.email).status_code == 302


def test_a_pupil_on_the_school_network_does_not_slow_the_teachers_own_browser(app, make_user):
    teacher = make_user()
    laptop = _client(app, SCHOOL)
    assert _login(laptop, teacher.email).status_code == 302
    laptop.post("/auth/logout")
    assert 429 in _hammer(_client(app, SCHOOL), teacher.email, 30)
    assert _login(laptop, teacher.email).status_code == 302


def test_a_school_behind_one_address_is_not_locked_by_its_teachers_typos(app, make_user):
    """25 failures from one address (5 teachers, 5 typos each) used to lock the whole school."""
    teachers = [make_user() for _ in range(5)]
    school = _client(app, SCHOOL)
    for teacher in teachers:
        assert _hammer(school, teacher.email, app.config["LOGIN_FREE_FAILURES"]) == [200] * 5
    newcomer = make_user()
    assert _login(_client(app, SCHOOL), newcomer.email).status_code == 302
    assert _login(_client(app, HOME), teachers[0].email).status_code == 302


def test_delays_double_after_the_free_failures(app, db, make_user):
    owner = make_user()
    client = _client(app, STRANGER)
    free, first = app.config["LOGIN_FREE_FAILURES"], app.config["LOGIN_FIRST_DELAY_SECONDS"]
    assert _hammer(client, owner.email, free) == [200] * free
    for expected in (first, first * 2, first * 4):
        refused = _login(client, owner.email)  # even the right password waits
        assert refused.status_code == 429
        assert expected - 2 <= int(refused.headers["Retry-After"]) <= expected
        _pass_time(db, expected - 3)
        assert _login(client, owner.email, WRONG).status_code == 429  # not yet
        _pass_time(db, 3)
        assert _login(client, owner.email, WRONG).status_code == 200  # heard, and wrong again


def test_guessing_one_account_from_one_address_gets_a_few_dozen_tries_a_day(app, db, make_user):
    owner = make_user()
    client = _client(app, STRANGER)
    heard, elapsed = 0, 0
    while elapsed < 24 * 3600:
        response = _login(client, owner.email, WRONG)
        if response.status_code == 200:
            heard += 1
            continue
        wait = int(response.headers["Retry-After"])
        _pass_time(db, wait)
        elapsed += wait
    assert heard <= 35, heard


def test_refused_attempts_are_not_counted_and_the_password_is_not_checked(app, db, make_user):
    owner = make_user()
    client = _client(app, STRANGER)
    _hammer(client, owner.email, app.config["LOGIN_FREE_FAILURES"])
    rows = len(db.session.scalars(select(ThrottleHit)).all())
    assert _hammer(client, owner.email, 20) == [429] * 20
    assert len(db.session.scalars(select(ThrottleHit)).all()) == rows


def test_a_good_sign_in_forgives_that_browsers_earlier_typos(app, make_user):
    owner = make_user()
    client = _client(app, OFFICE)
    _hammer(client, owner.email, app.config["LOGIN_FREE_FAILURES"] - 1)
    assert _login(client, owner.email).status_code == 302
    client.post("/auth/logout")
    assert _hammer(client, owner.email, app.config["LOGIN_FREE_FAILURES"]) == [200] * 5


def test_one_address_trying_many_accounts_is_stopped(app, make_user):
    app.config["LOGIN_CLIENT_MAX_ACCOUNTS"] = 3
    regular, victim = make_user(), make_user()
    assert _login(_client(app, SCHOOL), regular.email).status_code == 302
    sprayer = _client(app, SCHOOL)
    for n in range(3):
        assert _login(sprayer, f"guess{n}@example.org", "Spring2026!!").status_code == 200
    page = _login(sprayer, victim.email)
    assert page.status_code == 429
    assert "from a browser or network you signed in from before" in page.get_data(as_text=True) or \
        "以前登录过的浏览器或网络" in page.get_data(as_text=True)
    assert _login(_client(app, SCHOOL), regular.email).status_code == 302  # signed in from here before
    assert _login(_client(app, HOME), victim.email).status_code == 302


def test_unknown_accounts_are_throttled_exactly_like_real_ones(app, make_user):
    """The throttle must not tell which e-mail addresses have accounts."""
    real = make_user()
    free = app.config["LOGIN_FREE_FAILURES"]
    unknown = _hammer(_client(app, STRANGER), "nobody@example.org", free + 3)
    known = _hammer(_client(app, "198.51.100.67"), real.email, free + 3)
    assert unknown == known == [200] * free + [429] * 3


def test_the_throttle_table_holds_only_keyed_hashes(app, db, make_user):
    owner = make_user()
    _login(_client(app, OFFICE), owner.email)
    _hammer(_client(app, STRANGER), owner.email, 7)
    _hammer(_client(app, STRANGER), "nobody@example.org", 2)
    values = [v for hit in db.session.scalars(select(ThrottleHit)) for v in (hit.key_digest, hit.subject_digest)
              if v is not None]
    assert values and all(len(v) == 64 and int(v, 16) >= 0 for v in values)
    plain = [owner.email, "nobody@example.org", OFFICE, STRANGER]
    unkeyed = {hashlib.sha256(f"{prefix}{p}".encode()).hexdigest() for p in plain for prefix in
               ("", "account:", "client:", "address:")}
    assert not any(p in v for v in values for p in plain)
    assert not unkeyed.intersection(values)


def test_parallel_guesses_cannot_slip_past_the_count(app, db, make_user):
    """Many requests at once each read the count before any records a failure, unless they take turns."""
    email = make_user().email
    free = app.config["LOGIN_FREE_FAILURES"]
    statuses, start = [], threading.Barrier(12)

    def guess():
        client = _client(app, STRANGER)
        start.wait()
        statuses.append(_login(client, email, WRONG).status_code)

    threads = [threading.Thread(target=guess) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == sorted([200] * free + [429] * (12 - free)), statuses


def test_a_forged_or_broken_device_cookie_is_ignored(app, make_user):
    """Only a cookie this server signed for this account lets a browser past the account ceiling."""
    from itsdangerous import URLSafeTimedSerializer

    owner = make_user()
    app.config["LOGIN_ACCOUNT_MAX_FAILURES"] = 3
    for n in range(3):
        _login(_client(app, f"198.51.100.{n}"), owner.email, WRONG)
    forged = URLSafeTimedSerializer("not-the-secret", salt="sign-in-device").dumps({str(owner.id): "x"})
    for value in (forged, "garbage", "x" * 3000, URLSafeTimedSerializer(app.config["SECRET_KEY"],
                  salt="sign-in-device").dumps(["not", "a", "dict"])):
        client = _client(app, HOME)
        client.set_cookie("staff_device", value, path="/auth/")
        assert _login(client, owner.email).status_code == 429


def test_the_device_cookie_is_httponly_and_only_for_sign_in(app, make_user):
    owner = make_user()
    response = _login(_client(app, OFFICE), owner.email)
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("staff_device="))
    assert "HttpOnly" in cookie and "Path=/auth/" in cookie and "SameSite=Lax" in cookie
    assert owner.email not in cookie
