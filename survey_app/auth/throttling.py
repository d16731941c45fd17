"""Sign-in throttling that makes guessing hopeless without letting a stranger lock the owner out.

Three counts, kept as keyed hashes in the throttle table (``core.throttle``):

- per account and client (the pair): a few free failures, then each further try waits twice as
  long as the one before. The client is the browser's device cookie when it signed in to this
  account before, otherwise the address, so a pupil guessing a teacher's password from the
  school network does not slow the teacher's own browser down.
- per account, every client together: a ceiling that slows a guesser with many addresses. Only
  clients the account signed in from lately (a device cookie, or an address) get past it, so the
  owner is never shut out from their usual place.
- per client address, the distinct accounts it failed on: one address cannot try many accounts.
  Known clients get past it too, so one school network is not shut for every teacher.

SURVEY_LOGIN_* settings hold the numbers; README explains them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app

from ..core import throttle
from ..models_base import utcnow

BUCKET = "login"
KNOWN_BUCKET = "login-known"


@dataclass(frozen=True)
class Attempt:
    """One sign-in attempt: the account asked for, the client's address and its device id (if any)."""

    email: str
    address: str
    device: str | None = None

    @property
    def pair_key(self) -> str:
        client = f"device:{self.device}" if self.device else f"address:{self.address}"
        return f"pair:{self.email}|{client}"

    @property
    def account_key(self) -> str:
        return f"account:{self.email}"

    @property
    def client_key(self) -> str:
        return f"client:{self.address}"

    @property
    def known_key(self) -> str:
        return f"known:{self.email}|{self.address}"


@dataclass(frozen=True)
class Refusal:
    """Why an attempt is refused unheard, and for how many seconds."""

    reason: str  # "pair", "account" or "client"
    seconds: int

    @property
    def wait(self) -> timedelta:
        """The wait rounded up to whole minutes or hours, so saying it never promises too little."""
        unit = 1 if self.seconds < 60 else 60 if self.seconds < 3600 else 3600
        return timedelta(seconds=math.ceil(self.seconds / unit) * unit)


def _setting(name: str) -> int:
    return int(current_app.config[f"LOGIN_{name}"])


def known_for() -> timedelta:
    return timedelta(days=_setting("KNOWN_DAYS"))


def pair_delay(failures: int) -> int:
    """Seconds to wait after the pair's ``failures``-th failure (0 while failures are free)."""
    over = failures - _setting("FREE_FAILURES")
    if over < 0:
        return 0
    return min(_setting("FIRST_DELAY_SECONDS") * 2 ** min(over, 32), _setting("MAX_DELAY_SECONDS"))


def _wait_until(moment, seconds: float) -> int:
    return max(1, math.ceil((moment + timedelta(seconds=seconds) - utcnow()).total_seconds()))


def refusal(attempt: Attempt) -> Refusal | None:
    """Say whether the attempt must wait, before its password is even checked."""
    throttle.serialise(BUCKET, attempt.account_key)
    pair = throttle.failures(BUCKET, attempt.pair_key, throttle.KEEP_FOR.total_seconds())
    delay = pair_delay(pair.count)
    if delay and pair.last + timedelta(seconds=delay) > utcnow():
        return Refusal("pair", _wait_until(pair.last, delay))
    if attempt.device or throttle.is_remembered(KNOWN_BUCKET, attempt.known_key, known_for()):
        return None
    window = _setting("ACCOUNT_WINDOW_SECONDS")
    account = throttle.failures(BUCKET, attempt.account_key, window)
    if account.count >= _setting("ACCOUNT_MAX_FAILURES"):
        return Refusal("account", _wait_until(account.first, window))
    window = _setting("CLIENT_WINDOW_SECONDS")
    if throttle.count_subjects(BUCKET, attempt.client_key, window) >= _setting("CLIENT_MAX_ACCOUNTS"):
        return Refusal("client", _wait_until(throttle.failures(BUCKET, attempt.client_key, window).first, window))
    return None


def record_failure(attempt: Attempt) -> None:
    """Count a wrong password (or an unknown or disabled account) against all three."""
    throttle.record_failure(BUCKET, [attempt.pair_key, attempt.account_key])
    throttle.record_failure(BUCKET, [attempt.client_key], subject=attempt.email)


def record_success(attempt: Attempt) -> None:
    """Forgive the pair's failures and remember this address as one the account uses."""
    throttle.clear_failures(BUCKET, attempt.pair_key)
    throttle.clear_failures(BUCKET, attempt.client_key, subject=attempt.email)
    throttle.remember(KNOWN_BUCKET, attempt.known_key, known_for())
