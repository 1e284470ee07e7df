"""The login throttle (per IP and per username), the password-hash gate, and bounded limiters."""

from __future__ import annotations

from fastapi.testclient import TestClient

from app.ratelimit import RateLimiter
from tests.app.webapp import csrf_of, make_user


def test_a_hundred_wrong_passwords_hit_the_throttle(env):
    make_user(env, "alice")
    statuses = [
        env.client.post("/api/token", data={"username": "alice", "password": f"guess-{i}"}).status_code
        for i in range(100)
    ]
    limit = env.settings.login_rate_limit_username
    assert statuses[:limit] == [401] * limit and set(statuses[limit:]) == {429}
    response = env.client.post("/api/token", data={"username": "ALICE", "password": "password123"})
    assert response.status_code == 429 and int(response.headers["retry-after"]) >= 1
    assert "Too many attempts" in response.json()["detail"]


def test_the_html_login_answers_429_with_the_login_page(env):
    make_user(env, "alice")
    browser = TestClient(env.app)
    token = csrf_of(browser.get("/login").text)
    statuses = []
    for i in range(100):
        response = browser.post("/login", data={"username": "alice", "password": f"guess-{i}", "csrf_token": token})
        statuses.append(response.status_code)
    assert 429 in statuses and statuses.index(429) == env.settings.login_rate_limit_username
    assert "Too many attempts" in response.text and 'action="/login"' in response.text
    assert int(response.headers["retry-after"]) >= 1


def test_one_ip_is_throttled_across_usernames(make_env):
    env = make_env(login_rate_limit_ip=5)
    statuses = [
        env.client.post("/api/token", data={"username": f"user{i}", "password": "wrong-password"}).status_code
        for i in range(8)
    ]
    assert statuses == [401] * 5 + [429] * 3


def test_registration_is_throttled_per_ip(make_env):
    env = make_env(login_rate_limit_ip=3)
    browser = TestClient(env.app)
    token = csrf_of(browser.get("/register").text)
    statuses = []
    for i in range(5):
        statuses.append(
            browser.post(
                "/register",
                data={"username": f"new{i}", "password": "password123", "csrf_token": token},
                follow_redirects=False,
            ).status_code
        )
        browser.cookies.clear()
        token = csrf_of(browser.get("/register").text)
    assert statuses == [303] * 3 + [429] * 2


def test_hashing_waits_for_a_free_slot_then_gets_503(make_env):
    env = make_env(password_hash_concurrency=1, password_hash_wait_s=0.2)
    make_user(env, "alice")
    with env.app.state.hash_gate.slot():  # every slot busy, as under a login flood
        response = env.client.post("/api/token", data={"username": "alice", "password": "password123"})
    assert response.status_code == 503 and response.headers["retry-after"] == "1"
    assert env.client.post("/api/token", data={"username": "alice", "password": "password123"}).status_code == 200


def test_limiters_forget_the_oldest_keys_beyond_their_cap():
    limiter = RateLimiter(limit=1, window_s=3600, max_keys=3)
    for key in range(10):
        limiter.hit(key)
    assert len(limiter) == 3
    limiter.hit(0)  # forgotten, so allowed again
    assert limiter.retry_after(9) is not None and limiter.retry_after(0) is not None
