"""Friendly error pages in both languages; size limit; never a stack trace."""

import pytest


@pytest.mark.parametrize("lang, text", [("zh", "我们找不到这个页面"), ("en", "We could not find that page")])
def test_404_page_in_both_languages(client, lang, text):
    client.get(f"/lang/{lang}")
    response = client.get("/definitely/not/here")
    assert response.status_code == 404
    assert text in response.get_data(as_text=True)


def test_oversize_body_gets_the_413_page(app, client):
    client.get("/lang/en")
    body = "x" * (app.config["MAX_CONTENT_LENGTH"] + 10)
    response = client.post("/auth/login", data={"email": body, "password": "x"})
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)


def test_unexpected_error_gets_the_500_page_and_rolls_back(app, client):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom-for-test")
    def boom():
        raise RuntimeError("secret internals")

    client.get("/lang/en")
    response = client.get("/boom-for-test")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Sorry, something went wrong" in html and "secret internals" not in html


def test_405_is_friendly(client):
    response = client.delete("/")
    assert response.status_code == 405
    assert "<html" in response.get_data(as_text=True)


def test_json_callers_get_json_errors(client):
    response = client.get("/nope", headers={"Accept": "application/json"})
    assert response.status_code == 404 and response.is_json
