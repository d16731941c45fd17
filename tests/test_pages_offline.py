"""Pages load nothing from other hosts and carry the security headers."""

import re

import pytest

from survey_app.auth.models import Role

EXTERNAL = re.compile(r"""(?:src|href|action|url\()\s*=?\s*["']?\s*(?:https?:)?//""", re.I)

STAFF_PAGES = ["/", "/auth/users", "/auth/users/new"]


def _assert_self_contained(html: str, url: str) -> None:
    found = EXTERNAL.findall(html)
    assert not found, f"{url} refers to another host: {found}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pages_refer_only_to_this_host(client, login_as, lang):
    client.get(f"/lang/{lang}")
    for url in ["/", "/auth/login", "/no-such-page"]:
        _assert_self_contained(client.get(url).get_data(as_text=True), url)
    login_as(Role.ADMIN)
    for url in STAFF_PAGES:
        _assert_self_contained(client.get(url).get_data(as_text=True), url)


def test_static_assets_refer_only_to_this_host(app):
    from pathlib import Path

    for path in Path(app.static_folder).rglob("*"):
        if path.suffix in {".css", ".js", ".svg", ".html"}:
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"(?:url\(|import|src=|href=)\s*['\"]?(?:https?:)?//", text), path


def test_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cache-Control"] == "no-store"


def test_pages_have_no_inline_script_or_style(client, login_as):
    login_as(Role.ADMIN)
    for url in ["/", *STAFF_PAGES]:
        html = client.get(url).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert " style=" not in html, url
