"""Security: ownership, CSRF, size and encoding limits, rate limits, sanitised Markdown, crash recovery."""

from __future__ import annotations

import os
import stat

from fastapi.testclient import TestClient
from sqlalchemy import select

from app.models import Attempt, AttemptStatus, Problem, User
from tests.app.webapp import ADD_ONE, ADD_ONE_CORRECT, add_problem, bearer, csrf_of, make_user, register, wait_done


def test_another_users_attempt_is_404(env):
    make_user(env, "alice")
    make_user(env, "mallory")
    alice = bearer(env.client, "alice")
    mallory = bearer(env.client, "mallory")
    attempt = env.client.post(
        "/api/problems/add-one/submissions", json={"code": "SECRET-CODE = 1"}, headers=alice
    ).json()
    response = env.client.get(f"/api/submissions/{attempt['id']}", headers=mallory)
    assert response.status_code == 404 and response.json() == {"detail": "No such submission."}
    assert env.client.get("/api/submissions", headers=mallory).json() == []
    browser = TestClient(env.app)
    register(browser, "eve")
    page = browser.get(f"/submissions/{attempt['id']}")
    assert page.status_code == 404 and "SECRET-CODE" not in page.text
    assert env.client.get(f"/api/submissions/{attempt['id']}", headers=alice).status_code == 200


def test_instructor_reads_attempts_on_own_problems_only(env):
    make_user(env, "teacher", instructor=True)
    make_user(env, "other", instructor=True)
    make_user(env, "alice")
    with env.session() as session:
        teacher_id = session.scalar(select(User.id).where(User.username == "teacher"))
    add_problem(env.db_url, "teacher-add-one", ADD_ONE, author_id=teacher_id)
    alice = bearer(env.client, "alice")
    attempt = env.client.post(
        "/api/problems/teacher-add-one/submissions", json={"code": ADD_ONE_CORRECT}, headers=alice
    ).json()
    assert env.client.get(f"/api/submissions/{attempt['id']}", headers=bearer(env.client, "teacher")).status_code == 200
    assert env.client.get(f"/api/submissions/{attempt['id']}", headers=bearer(env.client, "other")).status_code == 404


def test_forged_csrf_is_rejected(env):
    browser = TestClient(env.app)
    token = register(browser, "alice")
    forged = browser.post("/logout", data={"csrf_token": "forged"}, follow_redirects=False)
    assert forged.status_code == 403 and "CSRF" in forged.text
    missing = browser.put("/api/problems/add-one/draft", json={"code": "x"})
    assert missing.status_code == 403 and missing.json()["detail"].startswith("CSRF")
    wrong = browser.put("/api/problems/add-one/draft", json={"code": "x"}, headers={"X-CSRF-Token": "nope"})
    assert wrong.status_code == 403
    ok = browser.put("/api/problems/add-one/draft", json={"code": "x"}, headers={"X-CSRF-Token": token})
    assert ok.status_code == 204
    # A login form posted from another site has no token either.
    stranger = TestClient(env.app)
    assert stranger.post("/login", data={"username": "alice", "password": "password123"}).status_code == 403


def test_session_cookie_is_httponly_and_samesite(env):
    browser = TestClient(env.app)
    response = browser.get("/login")
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert csrf_of(response.text)


def test_oversized_submission_is_413(env):
    make_user(env, "alice")
    headers = bearer(env.client, "alice")
    response = env.client.post(
        "/api/problems/add-one/submissions", json={"code": "#" * (64 * 1024 + 1)}, headers=headers
    )
    assert response.status_code == 413 and "64 KiB" in response.json()["detail"]
    exact = env.client.post("/api/problems/add-one/submissions", json={"code": "#" * (64 * 1024)}, headers=headers)
    assert exact.status_code == 202
    huge = env.client.post(
        "/api/problems/add-one/submissions",
        content=b'{"code": "' + b"#" * (9 << 20) + b'"}',
        headers={**headers, "Content-Type": "application/json"},
    )
    assert huge.status_code == 413


def test_non_utf8_submission_is_422(env):
    make_user(env, "alice")
    headers = {**bearer(env.client, "alice"), "Content-Type": "application/json"}
    for body in (b'{"code": "\xff\xfe bad"}', b'{"code": "\\ud800"}'):
        response = env.client.post("/api/problems/add-one/submissions", content=body, headers=headers)
        assert response.status_code == 422, response.text
        assert "detail" in response.json()


def test_rate_limit_is_429_with_retry_after(make_env):
    env = make_env(submit_rate_limit=2, submit_rate_window_s=60)
    make_user(env, "alice")
    headers = bearer(env.client, "alice")
    codes = [
        env.client.post("/api/problems/add-one/submissions", json={"code": "x = 1"}, headers=headers) for _ in range(3)
    ]
    assert [c.status_code for c in codes] == [202, 202, 429]
    assert int(codes[2].headers["Retry-After"]) >= 1 and "Too many" in codes[2].json()["detail"]


def test_stored_xss_in_statement_is_neutralised(env):
    files = dict(ADD_ONE)
    files["statement.md"] = (
        'Hi <script>alert("xss")</script> <img src=x onerror="alert(1)">\n\n'
        '[click](javascript:alert(1)) <a href="javascript:alert(2)">a</a>\n\n'
        '$x<script>alert(3)</script>$\n\n<iframe src="https://evil.example"></iframe>\n'
    )
    add_problem(env.db_url, "xss-problem", files)
    page = env.client.get("/problems/xss-problem").text
    statement = page.split('class="statement markdown"', 1)[1].split("</article>", 1)[0]
    for tag in ("<script", "<img", "<iframe", '<a href="javascript'):
        assert tag not in statement
    assert "&lt;script&gt;" in statement  # shown as text, not run


def test_sanitiser_strips_active_content_even_from_raw_html():
    import nh3

    from app.rendering import ALLOWED_ATTRIBUTES, ALLOWED_TAGS

    dirty = '<p onclick="x()">a</p><script>alert(1)</script><a href="javascript:alert(1)">b</a><math><mi>x</mi></math>'
    clean = nh3.clean(dirty, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes={"http", "https"})
    assert "onclick" not in clean and "<script" not in clean and "javascript" not in clean
    assert "<math><mi>x</mi></math>" in clean


def test_secret_key_file_is_generated_0600(tmp_path):
    from app.config import Settings

    settings = Settings(secret_key_file=tmp_path / "keys" / "secret")
    key = settings.secret
    assert len(key) >= 32
    assert stat.S_IMODE(os.stat(tmp_path / "keys" / "secret").st_mode) == 0o600
    assert Settings(secret_key_file=tmp_path / "keys" / "secret").secret == key


def test_placeholder_secret_is_refused():
    import pytest
    from pydantic import ValidationError

    from app.config import Settings

    with pytest.raises(ValidationError):
        Settings(secret_key="changeme")


def test_restart_during_grading_loses_nothing(make_env, db_url):
    env = make_env()
    make_user(env, "alice")
    # Attempts left queued and running by a crash (the server died before or while grading them).
    with env.session() as session:
        problem_id = session.scalar(select(Problem.id).where(Problem.slug == "add-one"))
        user_id = session.scalar(select(User.id).where(User.username == "alice"))
        stuck = [
            Attempt(user_id=user_id, problem_id=problem_id, mode="submit", code=ADD_ONE_CORRECT, status=status)
            for status in (AttemptStatus.QUEUED, AttemptStatus.RUNNING)
        ]
        session.add_all(stuck)
        session.commit()
        ids = [a.id for a in stuck]
    restarted = make_env()  # a fresh app on the same database re-queues them at start-up
    headers = bearer(restarted.client, "alice")
    for attempt_id in ids:
        done = wait_done(restarted.client, attempt_id, headers)
        assert done["status"] == "done" and done["verdict"] == "accepted", done
