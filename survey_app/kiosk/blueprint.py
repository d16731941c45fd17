"""The kiosk blueprint: children's pages set no session cookie, so posts are checked by origin, not CSRF."""

from __future__ import annotations

from flask import Blueprint

from ..extensions import csrf
from . import guards

bp = Blueprint("kiosk", __name__, url_prefix="/k")
csrf.exempt(bp)
bp.before_request(guards.require_same_origin)
