"""The API docs page (app/routes/docs.py): Swagger UI from our own static files, under the same CSP as every page."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from app.routes import docs
from tests.app.test_browser import CHROMIUM, browser, live, page  # noqa: F401  (fixtures)


def policy_without_nonce(response) -> str:
    return re.sub(r"'nonce-[^']+'", "'nonce-*'", response.headers["content-security-policy"])


def test_docs_loads_only_our_files_under_the_same_policy_as_other_pages(env):
    response = env.client.get("/docs")
    assert response.status_code == 200
    assert policy_without_nonce(response) == policy_without_nonce(env.client.get("/login"))
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    sources = re.findall(r'\s(?:src|href)="([^"]*)"', response.text)
    assert "/static/dist/swagger/swagger-ui-bundle.js" in sources, "run `make assets` to build Swagger UI"
    assert "/static/dist/swagger/swagger-ui.css" in sources and "/static/docs.js" in sources
    assert [s for s in sources if urlsplit(s).netloc or urlsplit(s).scheme] == []
    assert not re.search(r"<script(?![^>]*\bsrc=)|<style|\sstyle=|\son[a-z]+=", response.text)
    assert 'data-openapi-url="/openapi.json"' in response.text


def test_docs_without_the_bundle_says_so(env, monkeypatch, tmp_path):
    monkeypatch.setattr(docs, "SWAGGER_DIR", tmp_path)  # an unbuilt checkout: app/static/dist/swagger/ is empty
    response = env.client.get("/docs")
    assert response.status_code == 200
    assert "make assets" in response.text and 'href="/openapi.json"' in response.text
    assert "<script" not in response.text


def test_openapi_schema_is_still_served(env):
    schema = env.client.get("/openapi.json").json()
    assert schema["info"]["title"] == "RankUp" and "/api/problems" in schema["paths"]
    assert "/docs" not in schema["paths"]


def test_fastapi_swagger_routes_are_gone(env):
    assert env.client.get("/docs/oauth2-redirect").status_code == 404


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing: apt-get install -y chromium")
def test_swagger_ui_renders_with_no_csp_violation_or_outside_request(page, live):  # noqa: F811
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.on("pageerror", lambda error: messages.append(str(error)))
    outside: list[str] = []
    page.on(
        "request",
        lambda request: outside.append(request.url) if not request.url.startswith((live.url, "data:")) else None,
    )
    page.goto(f"{live.url}/docs")
    page.locator(".opblock").first.wait_for()
    operation = page.locator(".opblock-get").first
    operation.locator(".opblock-summary").click()  # it opens: parameters, responses, highlighted example values
    operation.locator("button.try-out__btn").click()
    operation.locator("button.execute").click()  # a real request to the API, its response highlighted
    operation.locator(".live-responses-table .response-col_status").first.wait_for()
    assert page.locator(".swagger-ui .info .title").inner_text().startswith("RankUp")
    violations = [m for m in messages if "Content Security Policy" in m or "Refused to" in m]
    assert violations == [], violations
    assert outside == [], outside
