"""Problem versions: edits to a published problem wait in a draft (learners never lose the problem), publishing
makes the next version, attempts record theirs, regrades go through the queue's low-priority lane and keep the
earlier reports; the migration to versions keeps existing data."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from alembic.config import Config
from sqlalchemy import create_engine, select, text

from alembic import command
from app import authoring, regrade
from app.db import make_engine, make_sessionmaker
from app.grading import ThreadGradingQueue
from app.models import (
    Attempt,
    AttemptMode,
    AttemptStatus,
    Problem,
    ProblemVersion,
    Regrade,
    RegradeItem,
    ReviewState,
    User,
)
from tests.app.test_author import CODE_FORM, login
from tests.app.webapp import ADD_ONE, add_problem, bearer, make_user, wait_done

DOUBLE = "def double(x):\n    return x + x\n"
DOUBLE_PLUS_ONE = "def double(x):\n    return 2 * x + 1\n"
VERSION_2 = {
    "title": "Double it, plus one",
    "statement.md": "Return $2x + 1$.",
    "statement.zh.md": "返回 $2x + 1$。",
    "reference.py": "import numpy as np\n\ndef double(x):\n    return np.asarray(x) * 2.0 + 1.0\n",
}


def submit(env, headers: dict, slug: str, code: str) -> dict:
    response = env.client.post(f"/api/problems/{slug}/submissions", headers=headers, json={"code": code})
    assert response.status_code == 202, response.text
    return wait_done(env.client, response.json()["id"], headers)


def wait_regrade(env, headers: dict, slug: str, regrade_id: int, timeout: float = 120) -> dict:
    """The regrade's progress once finished; fails the test if it does not finish in `timeout` s (a hang bound)."""
    deadline = time.monotonic() + timeout
    while True:
        body = env.client.get(f"/api/author/problems/{slug}/regrades/{regrade_id}", headers=headers).json()
        if body["finished"]:
            return body
        assert time.monotonic() < deadline, f"regrade {regrade_id} did not finish: {body}"
        time.sleep(0.2)


def user_id(env, username: str) -> int:
    with env.session() as session:
        return session.scalar(select(User.id).where(User.username == username))


def teacher_problem(env, slug: str = "plus-one") -> None:
    """A published problem of `teacher` (ADD_ONE's files, validated), without going through the sandbox."""
    add_problem(env.db_url, slug, ADD_ONE, author_id=user_id(env, "teacher"))


def edit_form(env, slug: str, **changes: str) -> dict:
    """The edit form's fields for the problem's working files, with `changes`."""
    with env.session() as session:
        problem = session.scalar(select(Problem).where(Problem.slug == slug))
        form, wrong = authoring.form_from_files(problem)
        kind = problem.kind
    return {
        **form,
        "kind": kind,
        "slug": slug,
        "wrong_name": [w.name for w in wrong],
        "wrong_code": [w.code for w in wrong],
        "wrong_verdict": [w.verdict for w in wrong],
        **changes,
    }


def test_edit_publish_and_regrade_never_take_the_problem_offline(env):
    make_user(env, "teacher", instructor=True)
    make_user(env, "alice")
    make_user(env, "bob")
    teacher, token = login(env, "teacher")
    teacher_api = bearer(env.client, "teacher")
    alice, bob = bearer(env.client, "alice"), bearer(env.client, "bob")
    assert teacher.post("/author/save", data={**CODE_FORM, "csrf_token": token}, follow_redirects=False).is_redirect
    assert 'id="validation-ok"' in teacher.post("/author/double-it/validate", data={"csrf_token": token}).text
    assert env.client.post("/api/author/problems/double-it/publish", headers=teacher_api).json() == {"version": 1}
    first = submit(env, alice, "double-it", DOUBLE)
    assert (first["verdict"], first["version"]) == ("accepted", 1)
    wrong_then = submit(env, bob, "double-it", DOUBLE_PLUS_ONE)
    assert wrong_then["verdict"] == "wrong_answer"

    # The instructor edits the title, statement and reference: learners stay on version 1.
    form = {k: v for k, v in CODE_FORM.items() if k != "create"} | VERSION_2
    saved = teacher.post("/author/save", data={**form, "csrf_token": token}, follow_redirects=False)
    assert saved.status_code == 303, saved.text
    page = env.client.get("/problems/double-it")
    assert page.status_code == 200 and "Double it" in page.text and "plus one" not in page.text
    detail = env.client.get("/api/problems/double-it")
    assert detail.status_code == 200 and detail.json()["title"] == "Double it"
    still = submit(env, alice, "double-it", DOUBLE)
    assert (still["verdict"], still["version"]) == ("accepted", 1)
    edit = teacher.get("/author/double-it/edit").text
    assert 'id="draft-banner"' in edit and "version 2" in edit and "Double it, plus one" in edit
    # The draft has not been validated: it cannot be published, and version 1 stays live.
    early = env.client.post("/api/author/problems/double-it/publish", headers=teacher_api)
    assert early.status_code == 409 and env.client.get("/api/problems/double-it").status_code == 200
    assert 'id="validation-ok"' in teacher.post("/author/double-it/validate", data={"csrf_token": token}).text
    assert env.client.post("/api/author/problems/double-it/publish", headers=teacher_api).json() == {"version": 2}
    assert env.client.get("/api/problems/double-it").json()["title"] == "Double it, plus one"
    assert "Double it, plus one" in env.client.get("/problems/double-it").text
    right_now = submit(env, bob, "double-it", DOUBLE_PLUS_ONE)
    assert (right_now["verdict"], right_now["version"]) == ("accepted", 2)
    assert "version 2" in bob_page(env, right_now["id"])

    # Regrade everything against version 2: alice's answers are wrong now, bob's first one right.
    reviews_before = review_states(env)
    started = env.client.post("/api/author/problems/double-it/regrade", headers=teacher_api, json={"course_id": None})
    assert started.status_code == 202, started.text
    assert started.json()["total"] == 4
    progress = wait_regrade(env, teacher_api, "double-it", started.json()["id"])
    assert (progress["done"], progress["total"], progress["version"]) == (4, 4, 2)
    changes = {(c["attempt_id"], c["username"], c["old_verdict"], c["new_verdict"]) for c in progress["changed"]}
    assert changes == {
        (first["id"], "alice", "accepted", "wrong_answer"),
        (still["id"], "alice", "accepted", "wrong_answer"),
        (wrong_then["id"], "bob", "wrong_answer", "accepted"),
    }
    assert review_states(env) == reviews_before  # a regrade leaves the review schedule alone
    regraded = env.client.get(f"/api/submissions/{first['id']}", headers=alice).json()
    assert (regraded["verdict"], regraded["version"]) == ("wrong_answer", 2)
    with env.session() as session:
        item = session.scalar(select(RegradeItem).where(RegradeItem.attempt_id == first["id"]))
        assert (item.old_version, item.old_verdict, item.old_report["verdict"]) == (1, "accepted", "accepted")
        versions = session.scalars(select(ProblemVersion).order_by(ProblemVersion.number)).all()
        assert [v.number for v in versions] == [1, 2]
        assert versions[0].files["reference.py"] == CODE_FORM["reference.py"]
        assert versions[1].files["reference.py"] == VERSION_2["reference.py"]
    report = teacher.get(f"/author/double-it/regrades/{started.json()['id']}").text
    assert 'id="regrade-changes"' in report and 'http-equiv="refresh"' not in report


def review_states(env) -> list[tuple]:
    with env.session() as session:
        return session.execute(
            select(ReviewState.user_id, ReviewState.due, ReviewState.stability).order_by(ReviewState.id)
        ).all()


def bob_page(env, attempt_id: int) -> str:
    client, _token = login(env, "bob")
    return client.get(f"/submissions/{attempt_id}").text


def test_regrade_of_a_course_touches_only_its_members(env):
    make_user(env, "teacher", instructor=True)
    make_user(env, "other", instructor=True)
    make_user(env, "alice")
    make_user(env, "bob")
    teacher_problem(env)
    teacher_api, other_api = bearer(env.client, "teacher"), bearer(env.client, "other")
    course = env.client.post("/api/courses", headers=teacher_api, json={"name": "ML 101"}).json()
    others = env.client.post("/api/courses", headers=other_api, json={"name": "Elsewhere"}).json()
    alice, bob = bearer(env.client, "alice"), bearer(env.client, "bob")
    assert env.client.post("/api/courses/join", headers=alice, json={"code": course["join_code"]}).status_code == 200
    assert env.client.post("/api/courses/join", headers=bob, json={"code": others["join_code"]}).status_code == 200
    alices = submit(env, alice, "plus-one", "def add_one(x):\n    return x + 1\n")
    bobs = submit(env, bob, "plus-one", "def add_one(x):\n    return x + 1\n")
    refused = env.client.post(
        "/api/author/problems/plus-one/regrade", headers=teacher_api, json={"course_id": others["id"]}
    )
    assert refused.status_code == 404
    started = env.client.post(
        "/api/author/problems/plus-one/regrade", headers=teacher_api, json={"course_id": course["id"]}
    )
    assert started.status_code == 202 and started.json()["total"] == 1
    progress = wait_regrade(env, teacher_api, "plus-one", started.json()["id"])
    assert (progress["done"], progress["changed"]) == (1, [])
    with env.session() as session:
        touched = session.scalars(select(RegradeItem.attempt_id)).all()
    assert touched == [alices["id"]] and bobs["id"] not in touched


def test_discard_draft_and_saving_the_live_files_clear_the_draft(env):
    make_user(env, "teacher", instructor=True)
    wrong = [authoring.MustFail(CODE_FORM["wrong_name"], CODE_FORM["wrong_code"], "wrong_answer")]
    files = authoring.files_from_form("code", {**CODE_FORM, "title": "Add one"}, wrong)  # as the form writes them
    add_problem(env.db_url, "plus-one", files, author_id=user_id(env, "teacher"))
    teacher, token = login(env, "teacher")
    live = edit_form(env, "plus-one")
    draft = edit_form(env, "plus-one", title="Add one, renamed")
    assert teacher.post("/author/save", data={**draft, "csrf_token": token}, follow_redirects=False).is_redirect
    assert env.client.get("/api/problems/plus-one").json()["title"] == "Add one"
    edit = teacher.get("/author/plus-one/edit").text
    assert 'id="draft-banner"' in edit and 'id="discard"' in edit and "Add one, renamed" in edit
    assert teacher.post("/author/plus-one/discard", data={"csrf_token": token}, follow_redirects=False).is_redirect
    edit = teacher.get("/author/plus-one/edit").text
    assert 'id="draft-banner"' not in edit and "Add one, renamed" not in edit
    with env.session() as session:
        problem = session.scalar(select(Problem).where(Problem.slug == "plus-one"))
        assert problem.draft_files is None and authoring.is_validated(problem) and problem.is_published
    teacher.post("/author/save", data={**draft, "csrf_token": token})
    teacher.post("/author/save", data={**live, "csrf_token": token})
    with env.session() as session:
        problem = session.scalar(select(Problem).where(Problem.slug == "plus-one"))
        assert problem.draft_files is None and problem.title == "Add one" and problem.version == 1


def test_only_the_author_may_publish_discard_or_regrade(env):
    make_user(env, "teacher", instructor=True)
    make_user(env, "other", instructor=True)
    make_user(env, "alice")
    teacher_problem(env)
    with env.session() as session:
        problem = session.scalar(select(Problem).where(Problem.slug == "plus-one"))
        started, _items = regrade.start_regrade(
            session=session, user=session.get(User, problem.author_id), problem=problem, course_id=None
        )
        session.commit()
    other, other_token = login(env, "other")
    for path in ("publish", "discard", "regrade", "validate"):
        assert other.post(f"/author/plus-one/{path}", data={"csrf_token": other_token}).status_code == 404
    assert other.get(f"/author/plus-one/regrades/{started.id}").status_code == 404
    api = {
        ("post", "/api/author/problems/plus-one/publish"),
        ("post", "/api/author/problems/plus-one/regrade"),
        ("get", f"/api/author/problems/plus-one/regrades/{started.id}"),
    }
    for who, expected in ((bearer(env.client, "other"), 404), (bearer(env.client, "alice"), 403), ({}, 401)):
        for method, url in api:
            response = env.client.request(method, url, headers=who, json={} if method == "post" else None)
            assert response.status_code == expected, (method, url, who, response.text)
    teacher_api = bearer(env.client, "teacher")
    assert env.client.get("/api/author/problems/plus-one/regrades/999999", headers=teacher_api).status_code == 404
    bad = env.client.post("/api/author/problems/plus-one/regrade", headers=teacher_api, json={"course_id": "x"})
    assert bad.status_code == 422


def test_regrade_is_refused_while_one_runs_or_when_unpublished(env):
    make_user(env, "teacher", instructor=True)
    teacher_problem(env)
    teacher_api = bearer(env.client, "teacher")
    with env.session() as session:
        problem = session.scalar(select(Problem).where(Problem.slug == "plus-one"))
        session.add(Regrade(problem_id=problem.id, version=1, total=1))  # unfinished
        session.commit()
    running = env.client.post("/api/author/problems/plus-one/regrade", headers=teacher_api, json={})
    assert running.status_code == 409 and "still running" in running.json()["detail"]
    teacher, token = login(env, "teacher")
    form = teacher.post("/author/plus-one/regrade", data={"csrf_token": token, "course_id": "x"})
    assert form.status_code == 400
    teacher.post("/author/plus-one/unpublish", data={"csrf_token": token})
    with env.session() as session:
        session.execute(Regrade.__table__.delete())
        session.commit()
    unpublished = env.client.post("/api/author/problems/plus-one/regrade", headers=teacher_api, json={})
    assert unpublished.status_code == 409 and "Publish" in unpublished.json()["detail"]


def scripted_queue(db_url: str, calls: list[str], release: threading.Event, started: threading.Event):
    """A one-worker queue whose `grade` records each source it is given and holds the first until `release`."""

    def grade(_spec, source: str, _mode: str) -> dict:
        calls.append(source)
        started.set()
        release.wait(60)
        return {"verdict": "accepted", "passed": 1, "total": 1, "time_ms": 1.0, "tests": []}

    engine = make_engine(db_url)
    return ThreadGradingQueue(make_sessionmaker(engine), workers=1, grade=grade), engine


def store_attempt(session, user: User, problem: Problem, code: str, status: str) -> Attempt:
    attempt = Attempt(user_id=user.id, problem_id=problem.id, mode=AttemptMode.SUBMIT, code=code, status=status)
    if status == AttemptStatus.DONE:
        attempt.verdict, attempt.report = "wrong_answer", {"verdict": "wrong_answer"}
    session.add(attempt)
    session.flush()
    return attempt


def test_learner_attempts_go_before_regrade_items(db_url):
    calls: list[str] = []
    release, started = threading.Event(), threading.Event()
    queue, engine = scripted_queue(db_url, calls, release, started)
    queue.start()
    try:
        with queue.make_session() as session:
            user = User(username="alice", password_hash="x")
            session.add(user)
            problem = session.scalar(select(Problem).where(Problem.slug == "add-one"))
            blocker = store_attempt(session, user, problem, "blocker", AttemptStatus.QUEUED)
            for name in ("old-1", "old-2"):
                store_attempt(session, user, problem, name, AttemptStatus.DONE)
            job, items = regrade.start_regrade(session=session, user=user, problem=problem, course_id=None)
            learner = store_attempt(session, user, problem, "learner", AttemptStatus.QUEUED)
            ids = blocker.id, learner.id, user.id, job.id
            session.commit()
        queue.submit(ids[0], ids[2])
        assert started.wait(60), "the worker never took the first attempt"
        for item_id in items:  # queued before the learner's attempt, but in the low-priority lane
            queue.submit_regrade(item_id)
        queue.submit(ids[1], ids[2])
        release.set()
        queue.wait(ids[1], 60)
        deadline = time.monotonic() + 60
        while len(calls) < 4:
            assert time.monotonic() < deadline, f"not everything was graded: {calls}"
            time.sleep(0.05)
        assert calls == ["blocker", "learner", "old-1", "old-2"]
        with queue.make_session() as session:
            while session.get(Regrade, ids[3]).finished_at is None:
                assert time.monotonic() < deadline, "the regrade never finished"
                time.sleep(0.05)
                session.expire_all()
            rows = session.execute(select(Attempt.code, Attempt.verdict)).all()
            assert {("old-1", "accepted"), ("old-2", "accepted")} <= set(rows)
    finally:
        release.set()
        queue.close()
        engine.dispose()


def test_regrade_items_left_queued_are_graded_on_start_up(db_url):
    with make_sessionmaker(make_engine(db_url))() as session:
        user = User(username="alice", password_hash="x")
        session.add(user)
        problem = session.scalar(select(Problem).where(Problem.slug == "add-one"))
        store_attempt(session, user, problem, "old-1", AttemptStatus.DONE)
        job, items = regrade.start_regrade(session=session, user=user, problem=problem, course_id=None)
        session.commit()
        job_id = job.id
    calls: list[str] = []
    release, started = threading.Event(), threading.Event()
    release.set()
    queue, engine = scripted_queue(db_url, calls, release, started)
    queue.start()
    try:
        deadline = time.monotonic() + 60
        with queue.make_session() as session:
            while session.get(Regrade, job_id).finished_at is None:
                assert time.monotonic() < deadline, "the leftover regrade item was never graded"
                time.sleep(0.05)
                session.expire_all()
        assert calls == ["old-1"] and len(items) == 1
    finally:
        queue.close()
        engine.dispose()


def test_migration_to_versions_keeps_problems_and_attempts(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    root = Path(__file__).resolve().parents[2]
    config = Config(str(root / "alembic.ini"))
    config.set_main_option("script_location", str(root / "alembic"))
    config.attributes["database_url"] = url
    command.upgrade(config, "0006")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO user (id, username, password_hash, is_instructor, created_at) "
                "VALUES (1, 'alice', 'x', 0, '2026-01-01 00:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO problem (id, slug, kind, title, title_zh, difficulty, topic, tags, files, source, "
                "is_published, validation_errors, created_at, updated_at) VALUES (7, 'old-one', 'code', 'Old', '', "
                "'easy', 'training', '[]', :files, 'authored', 1, '[]', '2026-01-01 00:00:00', '2026-01-02 00:00:00')"
            ),
            {"files": '{"problem.toml": "x"}'},
        )
        connection.execute(
            text(
                "INSERT INTO attempt (id, user_id, problem_id, mode, status, verdict, code, created_at) "
                "VALUES (3, 1, 7, 'submit', 'done', 'accepted', 'pass', '2026-01-03 00:00:00')"
            )
        )
    engine.dispose()
    command.upgrade(config, "head")
    engine = create_engine(url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version, draft_files FROM problem WHERE id = 7")).one() == (1, None)
        assert connection.execute(text("SELECT number, files FROM problem_version WHERE problem_id = 7")).all() == [
            (1, '{"problem.toml": "x"}')
        ]
        assert connection.execute(text("SELECT version, verdict FROM attempt WHERE id = 3")).one() == (1, "accepted")
    engine.dispose()
