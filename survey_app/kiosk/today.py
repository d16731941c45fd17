"""The date in the city's time zone: the only time a response keeps."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from flask import current_app

from ..models_base import utcnow


def city_today() -> date:
    return utcnow().astimezone(ZoneInfo(current_app.config["TIMEZONE"])).date()
