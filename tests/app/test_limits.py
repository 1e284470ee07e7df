"""Limits that keep one client from stalling the site: long-polls per user, the database pool, request bodies
and forms. Floods go to a live uvicorn server on a real SQLite file; grading is the real grader."""

from __future__ import annotations

import asyncio
import logging
import threading

import httpx
import pytest
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.requests import Request

from app import grading
from app.auth import create_user
from app.config import Settings
from app.db import make_engine, make_sessionmaker
from app.errors import render_error
from app.main import create_app
from tests.app.webapp import ADD_ONE_CORRECT, SECRET, bearer, live_server, make_user

MiB = 1024 * 1024
FORM = {"content-type": "application/x-www-form-urlencoded"}


def rss_mib() -> float:
    """Resident memory of this process, which the live server runs in."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS in /proc/self/status")


def server_log_lines(caplog) -> list[str]:
    """What the server logged (the client's own httpx lines left out), one entry per printed line."""
    return [
        line
        for record in caplog.records
        if not record.name.startswith(("httpx", "httpcore"))
        for line in caplog.handler.format(record).splitlines()
    ]


@pytest.fixture
def gate() -> threading.Event:
    return threading.Event()


@pytest.fixture
def live(db_url, tmp_path, gate):
    """A live server whose one grading worker holds each attempt until `gate` is set, then grades it for real."""

    def gated_grade(spec, source, mode):
        gate.wait(120)
        return grading.grade_now(spec, source, mode)

    queue_engine = make_engine(db_url)
    queue = grading.ThreadGradingQueue(make_sessionmaker(queue_engine), workers=1, grade=gated_grade)
    settings = Settings(database_url=db_url, secret_key=SECRET, warm_sandbox=False, secret_key_file=tmp_path / "secret")
    app = create_app(settings, queue=queue)
    with app.state.sessionmaker() as session:
        app.state.user_ids = {
            name: create_user(session=session, username=name, password="password123").id
            for name in ("flooder", "bystander")
        }
        session.commit()
    with live_server(app) as url:
        try:
            yield app, url
        finally:
            gate.set()  # let parked polls and the worker finish before the server shuts down
    queue_engine.dispose()


async def token(client: httpx.AsyncClient, username: str) -> dict[str, str]:
    response = await client.post("/api/token", data={"username": username, "password": "password123"})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def until(condition, what: str) -> None:
    """Wait for `condition()`; fail with `what` if it never holds (a bound on a hang, not a timing check)."""
    for _ in range(1200):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"never happened: {what}")


def test_a_flood_of_long_polls_is_capped_holds_no_connection_and_leaves_others_served(live, gate):
    app, url = live
    cap = app.state.settings.max_long_polls_per_user
    flooder_id = app.state.user_ids["flooder"]

    async def scenario():
        limits = httpx.Limits(max_connections=None, max_keepalive_connections=None)
        async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
            flooder, bystander = await token(client, "flooder"), await token(client, "bystander")
            queued = await client.post(
                "/api/problems/add-one/submissions", json={"code": ADD_ONE_CORRECT}, headers=flooder
            )
            assert queued.status_code == 202, queued.text
            own = await client.post(
                "/api/problems/add-one/submissions", json={"code": ADD_ONE_CORRECT}, headers=bystander
            )
            path = f"/api/submissions/{queued.json()['id']}?wait=30"
            polls = [asyncio.create_task(client.get(path, headers=flooder)) for _ in range(150)]
            # Another user is served while the flood is in flight.
            other = await client.get(f"/api/submissions/{own.json()['id']}", headers=bystander)
            listing = await client.get("/api/problems", headers=bystander)
            await until(lambda: sum(poll.done() for poll in polls) == 150 - cap, "every poll over the cap refused")
            await until(lambda: app.state.long_polls.active(flooder_id) == cap, "the capped polls parked")
            # The parked polls are waiting, and hold no database connection while they do.
            checked_out = app.state.engine.pool.checkedout()
            gate.set()
            return other, listing, checked_out, await asyncio.gather(*polls)

    other, listing, checked_out, responses = asyncio.run(scenario())
    assert other.status_code == 200 and listing.status_code == 200
    assert checked_out == 0
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200] * cap + [429] * (150 - cap), statuses
    for response in responses:
        if response.status_code == 429:
            assert int(response.headers["retry-after"]) >= 1
            assert "long-polls" in response.json()["detail"]
        else:
            assert response.json()["status"] == "done" and response.json()["verdict"] == "accepted"
    assert app.state.long_polls.active(flooder_id) == 0


def test_an_exhausted_pool_answers_503_with_retry_after(make_env):
    env = make_env(db_pool_timeout_s=0.2)
    make_user(env, "learner")
    headers = bearer(env.client, "learner")
    held = []
    try:
        with pytest.raises(PoolTimeout):
            for _ in range(1000):
                held.append(env.app.state.engine.connect())
        api = env.client.get("/api/submissions", headers=headers)
        page = env.client.get("/")
    finally:
        for connection in held:
            connection.close()
    assert api.status_code == 503 and int(api.headers["retry-after"]) >= 1
    assert api.json()["detail"]
    assert page.status_code == 503 and int(page.headers["retry-after"]) >= 1
    assert page.headers["content-type"].startswith("text/html") and "503" in page.text
    assert env.client.get("/api/submissions", headers=headers).status_code == 200


def urlencoded_fields(total_bytes: int):
    """Fields of 256 KiB each: every one under the part cap, together far over the body limit."""
    block = b"f=" + b"a" * (256 * 1024) + b"&"
    for _ in range(total_bytes // len(block)):
        yield block


@pytest.mark.parametrize("path", ["/api/token", "/login"])
def test_a_chunked_body_over_the_limit_gets_413_without_being_buffered(live, path, caplog):
    app, url = live
    caplog.set_level(logging.INFO)
    before = rss_mib()
    # A generator body goes out chunked, with no Content-Length to check.
    response = httpx.post(url + path, content=urlencoded_fields(256 * MiB), headers=FORM, timeout=120)
    grown = rss_mib() - before
    assert response.request.headers.get("transfer-encoding") == "chunked"
    assert response.status_code == 413, response.text
    assert grown < 64, f"the server grew by {grown:.0f} MiB on a refused body"
    if path.startswith("/api"):
        assert "4096 KiB" in response.json()["detail"]
    else:
        assert response.headers["content-type"].startswith("text/html") and "4096 KiB" in response.text
    assert len(server_log_lines(caplog)) <= 2, server_log_lines(caplog)


def test_a_declared_length_over_the_limit_on_a_page_gets_413_not_500(live, caplog):
    app, url = live
    caplog.set_level(logging.INFO)
    response = httpx.post(url + "/login", content=b"a" * (5 * MiB), headers=FORM, timeout=60)
    assert response.status_code == 413
    assert len(server_log_lines(caplog)) <= 2, server_log_lines(caplog)


def multipart(parts: int, files: bool, boundary: str = "rankup-test-boundary") -> bytes:
    filename = '; filename="part.txt"' if files else ""
    body = "".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="f{n}"{filename}\r\n\r\nx\r\n' for n in range(parts)
    )
    return (body + f"--{boundary}--\r\n").encode()


@pytest.mark.parametrize("files", [False, True], ids=["fields", "files"])
@pytest.mark.parametrize("path", ["/login", "/logout", "/api/token"])
def test_900_multipart_parts_are_refused_before_the_csrf_check(live, path, files):
    """/login and /api/token parse their Form parameters first; /logout's form is parsed by the CSRF check."""
    app, url = live
    response = httpx.post(
        url + path,
        content=multipart(900, files),
        timeout=60,
        headers={"content-type": "multipart/form-data; boundary=rankup-test-boundary"},
    )
    assert response.status_code == 400, response.text  # not the CSRF check's 403: parsing stopped first
    assert "Too many" in response.text


def test_900_urlencoded_fields_are_refused(live):
    app, url = live
    body = "&".join(f"f{n}=x" for n in range(900))
    response = httpx.post(url + "/login", content=body, headers=FORM, timeout=60)
    assert response.status_code == 400 and "Too many fields" in response.text


def test_forms_within_the_caps_still_work(live):
    app, url = live
    response = httpx.post(url + "/api/token", data={"username": "flooder", "password": "password123"}, timeout=60)
    assert response.status_code == 200 and response.json()["access_token"]


def test_the_error_page_renders_where_there_is_no_session(env):
    """A layer outside SessionMiddleware (the body limit's) can still answer with the HTML error page."""
    request = Request(
        {"type": "http", "method": "POST", "path": "/login", "query_string": b"", "headers": [], "app": env.app}
    )
    response = render_error(request, 413, "Request body over 4096 KiB.")
    assert response.status_code == 413 and b"4096 KiB" in response.body
