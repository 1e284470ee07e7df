"""Sessions that can be revoked: log out, log out everywhere, and password changes (cookies and API tokens)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from typer.testing import CliRunner

from app.cli import cli
from app.models import UserSession, utcnow
from tests.app.webapp import bearer, csrf_of, make_user, register


def copy_of(env, browser: TestClient) -> TestClient:
    """A second client holding a copy of `browser`'s session cookie, as a thief would."""
    thief = TestClient(env.app)
    thief.cookies.set("rankup_session", browser.cookies.get("rankup_session"))
    return thief


def logged_in(client: TestClient, headers: dict | None = None) -> bool:
    response = client.get("/api/me", headers=headers or {})
    assert response.status_code in (200, 401), response.text
    return response.status_code == 200


def log_in(env, username: str, password: str = "password123") -> TestClient:
    browser = TestClient(env.app)
    token = csrf_of(browser.get("/login").text)
    response = browser.post(
        "/login", data={"username": username, "password": password, "csrf_token": token}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    return browser


def test_a_copied_cookie_stops_working_after_log_out(env):
    browser = TestClient(env.app)
    token = register(browser, "alice")
    thief = copy_of(env, browser)
    assert logged_in(thief) and thief.get("/progress", follow_redirects=False).status_code == 200
    assert browser.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    assert not logged_in(thief) and not logged_in(browser)
    page = thief.get("/progress", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login")


def test_log_out_ends_only_that_session(env):
    make_user(env, "alice")
    first, second = log_in(env, "alice"), log_in(env, "alice")
    headers = bearer(env.client, "alice")
    first.post("/logout", data={"csrf_token": csrf_of(first.get("/").text)})
    assert not logged_in(first)
    assert logged_in(second) and logged_in(env.client, headers)


def test_api_log_out_revokes_that_token_only(env):
    make_user(env, "alice")
    kept, revoked = bearer(env.client, "alice"), bearer(env.client, "alice")
    assert env.client.post("/api/logout", headers=revoked).status_code == 204
    response = env.client.get("/api/me", headers=revoked)
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    assert "revoked" in response.json()["detail"]
    assert logged_in(env.client, kept)


def test_log_out_everywhere_ends_every_session_and_token(env):
    make_user(env, "alice")
    make_user(env, "bob")
    here, elsewhere = log_in(env, "alice"), log_in(env, "alice")
    thief = copy_of(env, elsewhere)
    token = bearer(env.client, "alice")
    bob = bearer(env.client, "bob")
    page = here.get("/progress")
    assert "Log out everywhere" in page.text
    response = here.post("/logout/everywhere", data={"csrf_token": csrf_of(page.text)}, follow_redirects=False)
    assert response.status_code == 303
    for client, headers in ((here, None), (elsewhere, None), (thief, None), (env.client, token)):
        assert not logged_in(client, headers)
    assert logged_in(env.client, bob)
    with env.session() as session:
        assert session.scalar(select(func.count()).select_from(UserSession)) == 1  # bob's token only
    assert logged_in(log_in(env, "alice"))  # the password still works


def test_log_out_everywhere_needs_csrf(env):
    make_user(env, "alice")
    browser = log_in(env, "alice")
    assert browser.post("/logout/everywhere", data={"csrf_token": "forged"}).status_code == 403
    assert logged_in(browser)


def test_demo_password_reset_revokes_tokens_and_cookies(env, monkeypatch, tmp_path):
    monkeypatch.setenv("RANKUP_DATABASE_URL", env.db_url)
    monkeypatch.setenv("RANKUP_SECRET_KEY_FILE", str(tmp_path / "cli-secret"))
    runner = CliRunner()
    first = runner.invoke(cli, ["users", "demo"])
    assert first.exit_code == 0, first.output
    old_password = re.search(r"demo / (\S+)", first.output).group(1)
    token = bearer(env.client, "demo", old_password)
    browser = log_in(env, "demo", old_password)
    assert logged_in(env.client, token) and logged_in(browser)
    second = runner.invoke(cli, ["users", "demo"])
    assert second.exit_code == 0, second.output
    new_password = re.search(r"demo / (\S+)", second.output).group(1)
    assert env.client.get("/api/me", headers=token).status_code == 401
    assert not logged_in(browser)
    assert env.client.post("/api/token", data={"username": "demo", "password": old_password}).status_code == 401
    assert logged_in(env.client, bearer(env.client, "demo", new_password))


def test_tokens_without_a_session_are_refused(env):
    """A token signed with the right key but naming no recorded session (e.g. issued before sessions existed)."""
    from itsdangerous import URLSafeTimedSerializer

    make_user(env, "alice")
    signer = URLSafeTimedSerializer(env.settings.secret, salt="rankup-api-token")
    for payload in ({"uid": 1}, {"uid": 1, "sid": "made-up"}, [1, 2]):
        response = env.client.get("/api/me", headers={"Authorization": f"Bearer {signer.dumps(payload)}"})
        assert response.status_code == 401, payload


def test_a_session_ends_its_max_age_after_log_in(env):
    """The cookie slides with use, but the recorded login does not: it ends session_max_age_s after log-in."""
    from datetime import timedelta

    from sqlalchemy import update

    make_user(env, "alice")
    browser = log_in(env, "alice")
    headers = bearer(env.client, "alice")
    assert logged_in(browser)
    with env.session() as session:
        session.execute(
            update(UserSession)
            .where(UserSession.kind == "cookie")
            .values(created_at=utcnow() - timedelta(seconds=env.settings.session_max_age_s + 60))
        )
        session.commit()
    assert not logged_in(browser) and logged_in(env.client, headers)


def test_users_password_command_ends_every_session(env, monkeypatch, tmp_path):
    monkeypatch.setenv("RANKUP_DATABASE_URL", env.db_url)
    monkeypatch.setenv("RANKUP_SECRET_KEY_FILE", str(tmp_path / "cli-secret"))
    make_user(env, "alice")
    token, browser = bearer(env.client, "alice"), log_in(env, "alice")
    runner = CliRunner()
    short = runner.invoke(cli, ["users", "password", "alice", "--password", "short"])
    assert short.exit_code == 2 and "8 to 256" in short.output
    assert logged_in(env.client, token) and logged_in(browser)  # a refused change ends nothing
    result = runner.invoke(cli, ["users", "password", "ALICE", "--password", "a-new-password"])
    assert result.exit_code == 0, result.output
    assert not logged_in(env.client, token) and not logged_in(browser)
    assert logged_in(env.client, bearer(env.client, "alice", "a-new-password"))
    assert runner.invoke(cli, ["users", "password", "nobody", "--password", "a-new-password"]).exit_code == 2
