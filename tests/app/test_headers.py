"""Security headers on every response (CSP with frame-ancestors, X-Frame-Options), and pages that obey the CSP
in real Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.app.test_browser import CHROMIUM, browser, live, page, register  # noqa: F401  (fixtures)
from tests.app.webapp import bearer, make_user


def assert_headers(response) -> str:
    assert response.headers["x-frame-options"] == "DENY", response.request.url
    policy = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "default-src 'self'" in policy
    return policy


def test_every_kind_of_response_carries_the_headers(env):
    make_user(env, "alice")
    headers = bearer(env.client, "alice")
    responses = [
        env.client.get("/"),
        env.client.get("/login"),
        env.client.get("/problems/add-one", follow_redirects=False),
        env.client.get("/no-such-page"),
        env.client.get("/api/problems", headers=headers),
        env.client.get("/api/me"),
        env.client.get("/static/style.css"),
        env.client.get("/docs"),
        env.client.post("/api/problems/add-one/submissions", content=b"x" * (5 << 20), headers=headers),
    ]
    assert [r.status_code for r in responses][-1] == 413
    for response in responses:
        policy = assert_headers(response)
        assert "'unsafe-inline'" not in policy and "script-src 'self';" in policy


def test_each_page_gets_its_own_style_nonce(env):
    browser_client = TestClient(env.app)
    nonces = []
    for _ in range(2):
        response = browser_client.get("/login")
        nonce = re.search(r"'nonce-([^']+)'", response.headers["content-security-policy"]).group(1)
        assert f'<meta name="csp-nonce" content="{nonce}">' in response.text
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_templates_have_no_inline_scripts_styles_or_handlers():
    for path in Path("templates").rglob("*.html"):
        text = path.read_text()
        # A JSON data block (type="application/json") is data, not script; CSP does not run it.
        assert not re.search(r"<script(?![^>]*\b(?:src=|type=\"application/json\"))", text), f"{path}: inline <script>"
        assert not re.search(r"<style|\sstyle=|\son[a-z]+=", text), f"{path}: inline style or event handler"


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing: apt-get install -y chromium")
def test_main_pages_raise_no_csp_violations(page, live):  # noqa: F811
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.on("pageerror", lambda error: messages.append(str(error)))
    register(page, live)
    for path in (
        "/",
        "/problems/low-rank-approximation",
        "/problems/lora-is-not-compression-demo",
        "/progress",
        "/login?next=/",
        "/no-such-page",
    ):
        page.goto(f"{live.url}{path}")
        page.wait_for_load_state("load")
    page.goto(f"{live.url}/problems/low-rank-approximation")
    page.locator(".cm-content").click()  # the editor mounted, with its styles
    assert page.locator(".cm-editor").evaluate("e => getComputedStyle(e).display") == "flex"
    page.goto(f"{live.url}/progress")
    page.click("#logout-everywhere")
    page.wait_for_url(re.compile(r"/login$"))
    violations = [m for m in messages if "Content Security Policy" in m or "Refused to" in m]
    assert violations == [], violations
