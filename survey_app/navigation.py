"""Template globals: the page language and the staff navigation by role."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import Flask, current_app, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .auth.forms import ROLE_LABELS
from .auth.models import Role
from .core.clock import to_city_time
from .i18n import html_lang
from .questionnaires.schema import local


@dataclass(frozen=True)
class NavItem:
    endpoint: str
    label: object
    description: object
    roles: tuple[Role, ...]


NAV_ITEMS = [
    NavItem("fieldwork.session_list", _l("Sessions"), _l("Plan and run survey sessions in schools and communities."),
            (Role.FACILITATOR, Role.ADMIN)),
    NavItem("questionnaires.instrument_list", _l("Questionnaires"), _l("The instruments and their versions."),
            (Role.ADMIN, Role.RESEARCHER, Role.FACILITATOR)),
    NavItem("reports.results_index", _l("Results"), _l("What children said, pooled across ages, safe to share."),
            (Role.RESEARCHER, Role.ADMIN)),
    NavItem("exports.export_index", _l("Exports"), _l("Response-level files and codebooks for analysis."),
            (Role.RESEARCHER, Role.ADMIN)),
    NavItem("exports.export_log", _l("Export log"), _l("Who exported what, when, with which filters."), (Role.ADMIN,)),
    NavItem("sites.site_list", _l("Schools and places"),
            _l("The schools and places sessions are held in, one entry each."), (Role.FACILITATOR, Role.ADMIN)),
    NavItem("places.place_list", _l("Places"), _l("Districts, streets and communities."), (Role.ADMIN,)),
    NavItem("safeguarding.queue", _l("Safeguarding"), _l("What children wrote that may need help."),
            (Role.SAFEGUARDING,)),
    NavItem("auth.users", _l("Staff accounts"), _l("Create accounts and give roles."), (Role.ADMIN,)),
]


def staff_nav() -> list[dict[str, object]]:
    """The navigation entries the signed-in user may open, for endpoints that exist."""
    if not current_user.is_authenticated:
        return []
    endpoints = current_app.view_functions
    return [
        {"url": url_for(item.endpoint), "label": item.label, "description": item.description}
        for item in NAV_ITEMS
        if item.endpoint in endpoints and current_user.has_role(*item.roles)
    ]


def role_label(role: Role) -> object:
    return ROLE_LABELS[Role(role)]


def localtime(moment: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """Show a stored UTC time in the city's time zone."""
    if moment is None:
        return ""
    return to_city_time(moment).strftime(fmt)


def init_app(app: Flask) -> None:
    app.add_template_filter(localtime)
    app.add_template_filter(local, "loc")

    @app.context_processor
    def page_globals() -> dict[str, object]:
        return {"html_lang": html_lang(str(get_locale())), "staff_nav": staff_nav, "role_label": role_label}
