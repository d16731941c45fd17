"""Times: stored in UTC, entered and shown in the city's time zone (SURVEY_TIMEZONE)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import current_app

from ..models_base import utcnow


def as_utc(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; every stored time is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def city_zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["TIMEZONE"])


def to_city_time(moment: datetime) -> datetime:
    return as_utc(moment).astimezone(city_zone())


def from_city_time(local_naive: datetime) -> datetime:
    """A time typed in the city's zone (no zone attached), as UTC."""
    return local_naive.replace(tzinfo=city_zone()).astimezone(UTC)


def city_today() -> date:
    """The date in the city: the only time a child's response keeps."""
    return to_city_time(utcnow()).date()
