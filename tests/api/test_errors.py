"""Every error under /api/ answers JSON {"error": {"code", "message"}}, never an HTML page."""

from __future__ import annotations

import pytest

import careers.api.views as api_views


def _error(response, status: int, code: str) -> dict:
    assert response.status_code == status
    assert response.mimetype == "application/json", response.get_data(as_text=True)[:200]
    body = response.get_json()
    assert set(body) == {"error"} and body["error"]["code"] == code and body["error"]["message"]
    return body["error"]


@pytest.mark.parametrize("path", ["/api/v1/nope", "/api/v2/jobs", "/api/", "/api/v1/jobs/12345"])
def test_unknown_path(client, db, path):
    error = _error(client.get(path), 404, "not_found")
    assert "/api/v1/" in error["message"]


def test_wrong_method(client, db):
    response = client.post("/api/v1/jobs")
    error = _error(response, 405, "method_not_allowed")
    assert "method" in error["message"]
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "HEAD"}
    page = client.post("/jobs")  # the site's own 405 page says the same
    assert page.status_code == 405 and "GET" in page.headers["Allow"]


def test_bad_parameter_names_each_field(client, db):
    error = _error(client.get("/api/v1/jobs?page=abc&specialty=astrology&pay_min=%C2%B2"), 400, "bad_parameters")
    assert set(error["fields"]) == {"page", "specialty", "pay_min"}
    assert "astrology" in error["fields"]["specialty"]


def test_unknown_code(client, db):
    error = _error(client.get("/api/v1/codes/not-a-code"), 404, "unknown_code")
    assert "code" in error["message"].lower()


def test_forced_500_is_json_and_leaks_nothing(app, client, db, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internals: password=hunter2")

    monkeypatch.setattr(api_views, "search_jobs", broken)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)  # as in production: the handler answers
    error = _error(client.get("/api/v1/jobs"), 500, "internal_error")
    assert "hunter2" not in error["message"] and "secret" not in error["message"]


def test_pages_outside_the_api_keep_html_errors(client, db):
    r = client.get("/no-such-page")
    assert r.status_code == 404 and r.mimetype == "text/html"
