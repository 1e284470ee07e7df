"""The grading queue, through the real sandbox and a real SQLite file: fairness between users, the per-user
cap, rejected submissions and the rate limit, stuck attempts (the reaper, retried writes), settings."""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import timedelta
from urllib.parse import quote

import pytest
from pydantic import ValidationError
from sqlalchemy import event, select

from app.config import Settings
from app.models import Attempt, AttemptMode, AttemptStatus, Problem, User, utcnow
from app.rendering import RENDER_CACHE_BYTES, render_markdown
from tests.app.conftest import add_sample_problems
from tests.app.webapp import ADD_ONE_CORRECT, bearer, make_user, register, wait_done

# Passes, slowly: each of add-one's two tests sleeps well inside its 2000 ms limit.
ADD_ONE_SLOW = "import time\n\ndef add_one(x):\n    time.sleep(0.4)\n    return x + 1\n"


def submit(env, headers, code=ADD_ONE_CORRECT, slug="add-one"):
    return env.client.post(f"/api/problems/{slug}/submissions", json={"code": code, "mode": "submit"}, headers=headers)


def attempts_of(env, username: str) -> list[Attempt]:
    with env.session() as session:
        return list(
            session.scalars(
                select(Attempt)
                .join(User, Attempt.user_id == User.id)
                .where(User.username == username)
                .order_by(Attempt.id)
            )
        )


def test_one_learner_cannot_starve_another(make_env):
    env = make_env(sandbox_slots=2, grading_workers=2)
    make_user(env, "hog")
    make_user(env, "bea")
    hog, bea = bearer(env.client, "hog"), bearer(env.client, "bea")
    hog_ids = []
    for _ in range(6):
        response = submit(env, hog, ADD_ONE_SLOW)
        assert response.status_code == 202, response.text
        hog_ids.append(response.json()["id"])
    response = submit(env, bea)
    assert response.status_code == 202
    assert wait_done(env.client, response.json()["id"], bea)["verdict"] == "accepted"
    for attempt_id in hog_ids:
        assert wait_done(env.client, attempt_id, hog)["verdict"] == "accepted"
    [bea_attempt] = attempts_of(env, "bea")
    hogs = attempts_of(env, "hog")
    # Bea's turn comes after at most the one run of hog's already going; first come, first served would
    # have put her behind all six.
    assert sum(a.finished_at < bea_attempt.finished_at for a in hogs) <= 1
    # One running attempt per user: hog's attempts ran one after another, in the order they were sent.
    assert [a.id for a in sorted(hogs, key=lambda a: a.finished_at)] == hog_ids


def test_queued_attempts_per_user_are_capped(make_env):
    env = make_env(max_queued_per_user=2)
    make_user(env, "hog")
    make_user(env, "bea")
    hog, bea = bearer(env.client, "hog"), bearer(env.client, "bea")
    first = [submit(env, hog, ADD_ONE_SLOW) for _ in range(2)]
    assert [r.status_code for r in first] == [202, 202]
    refused = submit(env, hog, ADD_ONE_SLOW)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    assert "waiting to be graded" in refused.json()["detail"]
    assert len(attempts_of(env, "hog")) == 2  # the refused one was not stored
    assert submit(env, bea).status_code == 202  # others are not affected
    for response in first:
        assert wait_done(env.client, response.json()["id"], hog)["status"] == "done"
    # The places come back once graded.
    assert submit(env, hog).status_code == 202


def test_rejected_submissions_do_not_count_against_the_rate_limit(make_env):
    env = make_env(submit_rate_limit=3)
    make_user(env, "alice")
    headers = bearer(env.client, "alice")
    for _ in range(5):
        assert submit(env, headers, slug="lora-is-not-compression-demo").status_code == 422  # a Q&A card
        assert submit(env, headers, code="x = 1\x00").status_code == 422
        assert (
            env.client.post("/api/problems/add-one/submissions", json={"code": 1}, headers=headers).status_code == 422
        )
    accepted = [submit(env, headers) for _ in range(3)]
    assert [r.status_code for r in accepted] == [202, 202, 202]
    limited = submit(env, headers)
    assert limited.status_code == 429 and "Retry-After" in limited.headers
    assert len(attempts_of(env, "alice")) == 3


def test_html_form_refuses_code_that_is_not_utf8(env):
    token = register(env.client, "alice")
    for raw in ("%FF%FEx", "print(1)%C3"):
        response = env.client.post(
            "/problems/add-one/submit",
            content=f"csrf_token={quote(token)}&mode=run&code={raw}",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            follow_redirects=False,
        )
        assert response.status_code == 422 and "UTF-8" in response.text
    assert attempts_of(env, "alice") == []
    ok = env.client.post(
        "/problems/add-one/submit",
        data={"csrf_token": token, "mode": "run", "code": ADD_ONE_CORRECT + "# café ✓\n"},
        follow_redirects=False,
    )
    assert ok.status_code == 303


def stored_attempt(env, username: str, *, status: str, age: timedelta) -> int:
    with env.session() as session:
        user = session.scalar(select(User).where(User.username == username))
        problem = session.scalar(select(Problem).where(Problem.slug == "add-one"))
        attempt = Attempt(
            user_id=user.id,
            problem_id=problem.id,
            mode="submit",
            code=ADD_ONE_CORRECT,
            status=status,
            created_at=utcnow() - age,
        )
        session.add(attempt)
        session.commit()
        return attempt.id


def test_reaper_regrades_attempts_stuck_running(make_env):
    env = make_env(grading_stuck_after_s=600)
    make_user(env, "alice")
    headers = bearer(env.client, "alice")
    # Left behind by a grade that could not be saved, or a lost hand-over; the process kept running.
    stuck = stored_attempt(env, "alice", status=AttemptStatus.RUNNING, age=timedelta(hours=2))
    lost = stored_attempt(env, "alice", status=AttemptStatus.QUEUED, age=timedelta(hours=1))
    recent = stored_attempt(env, "alice", status=AttemptStatus.RUNNING, age=timedelta(seconds=5))
    assert env.app.state.queue.reap() == [stuck, lost]
    for attempt_id in (stuck, lost):
        assert wait_done(env.client, attempt_id, headers)["verdict"] == "accepted"
    assert env.client.get(f"/api/submissions/{recent}", headers=headers).json()["status"] == "running"


def test_reaper_runs_by_itself(make_env):
    env = make_env(grading_stuck_after_s=0.4)  # looks every 0.1 s
    make_user(env, "alice")
    headers = bearer(env.client, "alice")
    stuck = stored_attempt(env, "alice", status=AttemptStatus.RUNNING, age=timedelta(hours=2))
    deadline = time.monotonic() + 60
    while env.client.get(f"/api/submissions/{stuck}", headers=headers).json()["status"] != "done":
        assert time.monotonic() < deadline, "the reaper never picked the stuck attempt up"
        time.sleep(0.1)


def test_result_write_is_retried(env):
    make_user(env, "alice")
    headers = bearer(env.client, "alice")
    failed = []

    @event.listens_for(env.app.state.engine, "before_cursor_execute")
    def locked_once(conn, cursor, statement, parameters, context, executemany):
        if statement.startswith("UPDATE attempt") and "finished_at" in statement and len(failed) < 2:
            failed.append(statement)
            raise sqlite3.OperationalError("database is locked")

    response = submit(env, headers)
    done = wait_done(env.client, response.json()["id"], headers)
    assert done["status"] == "done" and done["verdict"] == "accepted"
    assert len(failed) == 2


def test_grading_workers_never_exceed_sandbox_slots():
    with pytest.raises(
        ValidationError, match="RANKUP_GRADING_WORKERS \\(4\\) must be between 1 and RANKUP_SANDBOX_SLOTS \\(2\\)"
    ):
        Settings(sandbox_slots=2, grading_workers=4)
    assert Settings(sandbox_slots=3).grading_workers == 3
    assert Settings(sandbox_slots=3, grading_workers=1).grading_workers == 1


def test_sandbox_slots_setting_reads_the_graders_variable(monkeypatch):
    monkeypatch.setenv("RANKUP_SANDBOX_SLOTS", "5")
    assert Settings().sandbox_slots == 5 and Settings().grading_workers == 5


def test_markdown_cache_is_bounded_by_bytes():
    for n in range(12):
        render_markdown(f"{n} " + "word " * 200_000)  # about 1 MiB of HTML each
    assert render_markdown.cache.currsize <= RENDER_CACHE_BYTES


def test_refused_submissions_hold_no_place_in_the_queue(make_env):
    env = make_env(submit_rate_limit=1, max_queued_per_user=2)
    make_user(env, "alice")
    headers = bearer(env.client, "alice")
    first = submit(env, headers)
    assert first.status_code == 202
    assert [submit(env, headers).status_code for _ in range(3)] == [429, 429, 429]  # the rate limit
    wait_done(env.client, first.json()["id"], headers)
    queue = env.app.state.queue
    assert not queue._reserved and not queue._queued  # every place reserved was given back
    assert len(attempts_of(env, "alice")) == 1


def test_submission_body_errors_say_what_is_wrong(env):
    make_user(env, "alice")
    headers = {**bearer(env.client, "alice"), "Content-Type": "application/json"}
    url = "/api/problems/add-one/submissions"
    deep = env.client.post(url, content=b'{"code": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", headers=headers)
    assert deep.status_code == 422 and deep.json() == {"detail": "The request body is nested too deeply."}
    latin = env.client.post(url, content=b'{"code": "caf\xe9"}', headers=headers)
    assert latin.status_code == 422 and latin.json() == {"detail": "The request body must be UTF-8 encoded."}
    assert attempts_of(env, "alice") == []


def test_two_grades_of_one_learner_written_at_once_both_land(pg_url):
    """Two workers (the procrastinate backend) finish one learner's two attempts on one problem at the same moment.
    Both write the problem's review state: without the per-learner lock the second transaction, blocked on the
    first's new review_state row, failed with a unique violation once the first committed, and its attempt stayed
    `running` for good."""
    from sqlalchemy import func

    from app.auth import create_user
    from app.db import make_engine, make_sessionmaker
    from app.grading import store_result
    from app.models import ReviewState

    add_sample_problems(pg_url)
    engine = make_engine(pg_url)
    make_session = make_sessionmaker(engine)
    with make_session() as session:
        user = create_user(session=session, username="ann", password="password123")
        problem = session.scalar(select(Problem).where(Problem.slug == "add-one"))
        attempts = [Attempt(user_id=user.id, problem_id=problem.id, mode=AttemptMode.SUBMIT) for _ in range(2)]
        session.add_all(attempts)
        session.commit()
        ids = [a.id for a in attempts]
    report = {"verdict": "accepted", "passed": 3, "total": 3, "time_ms": 1.0, "tests": []}
    first = make_session()
    assert store_result(session=first, attempt_id=ids[0], report=report)  # holds its locks, not yet committed
    outcome: list = []

    def second() -> None:
        try:
            with make_session() as session:
                outcome.append(store_result(session=session, attempt_id=ids[1], report=report))
                session.commit()
        except Exception as exc:  # the failure this test guards against
            outcome.append(exc)

    thread = threading.Thread(target=second)
    thread.start()
    thread.join(1.0)
    assert thread.is_alive()  # waiting for the first grade's transaction
    first.commit()
    first.close()
    thread.join(30)
    assert outcome == [True]
    with make_session() as session:
        statuses = session.scalars(select(Attempt.status).where(Attempt.id.in_(ids))).all()
        assert statuses == [AttemptStatus.DONE] * 2
        assert session.scalar(select(func.count()).select_from(ReviewState)) == 1
    engine.dispose()
