"""Language choice: zh-Hans first, English second, remembered in a plain cookie."""

from __future__ import annotations

from flask import current_app, g, request

LANG_COOKIE = "lang"

#: The codes people type or that browsers send, mapped onto our catalog locales.
_ALIASES = {
    "zh": "zh_Hans",
    "zh-hans": "zh_Hans",
    "zh_hans": "zh_Hans",
    "zh-cn": "zh_Hans",
    "zh_cn": "zh_Hans",
    "en": "en",
    "en-us": "en",
    "en-gb": "en",
}


def parse_locale(code: str | None) -> str | None:
    """Return our locale for a language code, or None when it is not one we speak."""
    if not code:
        return None
    return _ALIASES.get(code.strip().lower()[:12])


def select_locale() -> str:
    """Pick the request's locale: an explicit choice, then a page default, then zh-Hans."""
    chosen = parse_locale(request.cookies.get(LANG_COOKIE)) if request else None
    if chosen:
        return chosen
    page_default = g.get("page_locale")
    if page_default:
        return page_default
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def html_lang(locale: str) -> str:
    """The BCP 47 tag for the ``lang`` attribute (screen readers and speech use it)."""
    return "zh-Hans" if locale.startswith("zh") else "en"


def content_language() -> str:
    """The language code used in definitions (``zh`` or ``en``) for the current request."""
    from flask_babel import get_locale

    locale = get_locale()
    return "en" if locale is not None and str(locale).startswith("en") else "zh"
