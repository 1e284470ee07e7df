"""Courses: create, join (codes, rotation, removal, the member list, by page and API), assignments with due times and
late policies, the gradebook as JSON, CSV and a page (scripted attempts before and after the due time, and one real
graded submission), a learner's own courses (page and API) and the due lines on problem pages, members' attempts
readable by the course's instructors only, bad input, the admin role, and an authorization matrix."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from app import courses
from app.auth import hash_password
from app.cli import cli
from app.courses import JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH
from app.models import Attempt, AttemptMode, AttemptStatus, Problem, ProblemSource, User, utcnow
from tests.app.webapp import ADD_ONE, ADD_ONE_CORRECT, add_problem, bearer, csrf_of, make_user, wait_done

CHINESE_NAME = "李雷"


def user_id(env, username: str) -> int:
    with env.session() as session:
        return session.scalar(select(User.id).where(User.username == username))


def problem_id(env, slug: str) -> int:
    with env.session() as session:
        return session.scalar(select(Problem.id).where(Problem.slug == slug))


def add_attempt(env, username: str, slug: str, when, verdict: str | None = None, rating: str | None = None) -> int:
    """A finished attempt made at `when`: a coding verdict, or a card's rating."""
    with env.session() as session:
        attempt = Attempt(
            user_id=user_id(env, username),
            problem_id=problem_id(env, slug),
            mode=AttemptMode.QA if rating else AttemptMode.SUBMIT,
            status=AttemptStatus.DONE,
            verdict=verdict,
            rating=rating,
            passed=1 if verdict == "accepted" else 0,
            total=1,
            created_at=when,
            finished_at=when,
        )
        session.add(attempt)
        session.commit()
        return attempt.id


@pytest.fixture
def course(env):
    """An instructor's course with learners ann, bob and 李雷 (added straight to the database: the register form
    takes ASCII names only), and a third bank problem, add-two."""
    add_problem(env.db_url, "add-two", ADD_ONE, source=ProblemSource.BANK)
    make_user(env, "teach", instructor=True)
    make_user(env, "other", instructor=True)
    make_user(env, "ann")
    make_user(env, "bob")
    make_user(env, "eve")  # in no course
    with env.session() as session:
        session.add(User(username=CHINESE_NAME, password_hash=hash_password("password123")))
        session.commit()
    teacher = bearer(env.client, "teach")
    created = env.client.post("/api/courses", json={"name": "ML 101"}, headers=teacher)
    assert created.status_code == 201, created.text
    body = created.json()
    assert len(body["join_code"]) == JOIN_CODE_LENGTH and set(body["join_code"]) <= set(JOIN_CODE_ALPHABET)
    for name in ("ann", "bob"):
        joined = env.client.post(
            "/api/courses/join", json={"code": body["join_code"]}, headers=bearer(env.client, name)
        )
        assert joined.status_code == 200, joined.text
        assert joined.json() == {"id": body["id"], "name": "ML 101"}
    with env.session() as session:  # a name the login form refuses: joined through the data function
        lei = session.scalar(select(User).where(User.username == CHINESE_NAME))
        courses.join_course(session=session, user=lei, code=body["join_code"])
        session.commit()
    return {"id": body["id"], "code": body["join_code"], "teacher": teacher}


def add_assignment(env, course, items, opens_at, due_at, late="accept", title="Week 1"):
    response = env.client.post(
        f"/api/courses/{course['id']}/assignments",
        json={
            "title": title,
            "items": items,
            "opens_at": opens_at.isoformat(),
            "due_at": due_at.isoformat(),
            "late": late,
        },
        headers=course["teacher"],
    )
    assert response.status_code == 201, response.text
    return response.json()["id"]


def test_gradebook_before_and_after_due(env, course):
    now = utcnow()
    opens, due = now - timedelta(days=3), now - timedelta(days=1)
    add_assignment(env, course, ["add-one", "lora-is-not-compression-demo"], opens, due, late="accept")
    add_assignment(env, course, ["add-two"], opens, due, late="close", title="Week 2")
    before, after = due - timedelta(hours=2), due + timedelta(hours=2)
    add_attempt(env, "ann", "add-one", before - timedelta(hours=1), "wrong_answer")
    add_attempt(env, "ann", "add-one", before, "accepted")
    add_attempt(env, "ann", "lora-is-not-compression-demo", before, rating="good")
    add_attempt(env, "ann", "add-two", opens - timedelta(hours=1), "accepted")  # before it opened: does not count
    add_attempt(env, "bob", "add-one", before, "wrong_answer")
    add_attempt(env, "bob", "add-one", after, "accepted")  # late, accepted and flagged
    add_attempt(env, "bob", "lora-is-not-compression-demo", before, rating="again")
    add_attempt(env, "bob", "add-two", after, "accepted")  # late, the assignment closed: ignored

    response = env.client.get(f"/api/courses/{course['id']}/gradebook", headers=course["teacher"])
    assert response.status_code == 200, response.text
    learners = {row["username"]: row["items"] for row in response.json()["learners"]}
    assert set(learners) == {"ann", "bob", CHINESE_NAME}
    ann, bob, lei = learners["ann"], learners["bob"], learners[CHINESE_NAME]
    assert ann["add-one"]["best_verdict"] == "accepted" and ann["add-one"]["attempts"] == 2
    assert ann["add-one"]["late"] is False
    assert ann["add-one"]["first_accepted_at"].startswith(before.strftime("%Y-%m-%dT%H:%M"))
    assert ann["lora-is-not-compression-demo"]["best_verdict"] == "accepted"
    assert ann["add-two"] == {"best_verdict": None, "attempts": 0, "first_accepted_at": None, "late": False}
    assert bob["add-one"]["best_verdict"] == "accepted" and bob["add-one"]["late"] is True
    assert bob["add-one"]["attempts"] == 2
    assert bob["lora-is-not-compression-demo"]["best_verdict"] == "again"
    assert bob["add-two"] == {"best_verdict": None, "attempts": 0, "first_accepted_at": None, "late": True}
    assert all(cell["best_verdict"] is None for cell in lei.values())

    exported = env.client.get(f"/api/courses/{course['id']}/gradebook.csv", headers=course["teacher"])
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("text/csv")
    assert exported.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["username", "add-one", "add-one attempts", "add-one first accepted (UTC)", "add-one late"]
    by_name = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert set(by_name) == {"ann", "bob", CHINESE_NAME}
    assert by_name["bob"]["add-one"] == "accepted" and by_name["bob"]["add-one late"] == "late"
    assert by_name["ann"]["add-one late"] == "" and by_name["bob"]["add-two late"] == "late"

    page = env.client.get(f"/courses/{course['id']}", headers=course["teacher"])
    assert page.status_code == 200
    assert CHINESE_NAME in page.text and course["code"] in page.text and 'id="score-rule"' in page.text


def test_real_submission_reaches_the_gradebook_and_its_instructor(env, course):
    now = utcnow()
    add_assignment(env, course, ["add-one"], now - timedelta(hours=1), now + timedelta(days=1))
    ann = bearer(env.client, "ann")
    queued = env.client.post("/api/problems/add-one/submissions", json={"code": ADD_ONE_CORRECT}, headers=ann)
    assert queued.status_code == 202, queued.text
    attempt_id = queued.json()["id"]
    assert wait_done(env.client, attempt_id, ann)["verdict"] == "accepted"
    book = env.client.get(f"/api/courses/{course['id']}/gradebook", headers=course["teacher"]).json()
    cell = {row["username"]: row["items"] for row in book["learners"]}["ann"]["add-one"]
    assert cell["best_verdict"] == "accepted" and cell["attempts"] == 1 and cell["late"] is False
    # The course's instructor reads the member's attempt, from the gradebook cell's page; nobody else does.
    cell_page = env.client.get(f"/courses/{course['id']}/learners/ann/add-one", headers=course["teacher"])
    assert cell_page.status_code == 200 and f"/submissions/{attempt_id}" in cell_page.text
    assert env.client.get(f"/api/submissions/{attempt_id}", headers=course["teacher"]).status_code == 200
    assert env.client.get(f"/submissions/{attempt_id}", headers=course["teacher"]).status_code == 200
    for name in ("other", "bob", "eve"):
        assert env.client.get(f"/api/submissions/{attempt_id}", headers=bearer(env.client, name)).status_code == 404
    # Not an item of the course: the instructor may not read it.
    card = add_attempt(env, "ann", "add-two", now, "accepted")
    assert env.client.get(f"/api/submissions/{card}", headers=course["teacher"]).status_code == 404
    # A removed member's attempts are theirs again.
    removed = env.client.post(f"/courses/{course['id']}/members/ann/remove", headers=course["teacher"])
    assert removed.status_code in (200, 303)
    assert env.client.get(f"/api/submissions/{attempt_id}", headers=course["teacher"]).status_code == 404
    book = env.client.get(f"/api/courses/{course['id']}/gradebook", headers=course["teacher"]).json()
    assert "ann" not in {row["username"] for row in book["learners"]}


def test_rotate_code_and_join_twice(env, course):
    bob = bearer(env.client, "bob")
    again = env.client.post("/api/courses/join", json={"code": course["code"].lower()}, headers=bob)
    assert again.status_code == 200  # case does not matter; joining twice is a no-op
    rotated = env.client.post(f"/courses/{course['id']}/code", headers=course["teacher"], follow_redirects=False)
    assert rotated.status_code == 303
    eve = bearer(env.client, "eve")
    assert env.client.post("/api/courses/join", json={"code": course["code"]}, headers=eve).status_code == 404
    page = env.client.get(f"/courses/{course['id']}", headers=course["teacher"]).text
    with env.session() as session:
        from app.models import Course

        new_code = session.get(Course, course["id"]).join_code
    assert new_code != course["code"] and new_code in page
    assert env.client.post("/api/courses/join", json={"code": new_code}, headers=eve).status_code == 200
    book = env.client.get(f"/api/courses/{course['id']}/gradebook", headers=course["teacher"]).json()
    assert [row["username"] for row in book["learners"]] == sorted(["ann", "bob", "eve", CHINESE_NAME])


@pytest.mark.parametrize(
    "change",
    [
        {"title": ""},
        {"items": []},
        {"items": ["no-such-problem"]},
        {"items": ["add-one", "add-one"]},
        {"late": "maybe"},
        {"due_at": "2020-01-01T00:00:00"},
        {"opens_at": "not a time"},
        {"extra": 1},
        {"title": "x\x00y"},
    ],
)
def test_bad_assignments_are_422(env, course, change):
    now = utcnow()
    body = {
        "title": "W",
        "items": ["add-one"],
        "opens_at": now.isoformat(),
        "due_at": (now + timedelta(days=1)).isoformat(),
        "late": "accept",
        **change,
    }
    response = env.client.post(f"/api/courses/{course['id']}/assignments", json=body, headers=course["teacher"])
    assert response.status_code == 422, response.text
    assert "detail" in response.json()


def test_bad_course_input(env, course):
    teacher = course["teacher"]
    assert env.client.post("/api/courses", json={"name": ""}, headers=teacher).status_code == 422
    assert env.client.post("/api/courses", json={"name": "   "}, headers=teacher).status_code == 422
    assert env.client.post("/api/courses", json={}, headers=teacher).status_code == 422
    ann = bearer(env.client, "ann")
    assert env.client.post("/api/courses/join", json={"code": "ZZZZZZZZ"}, headers=ann).status_code == 404
    assert env.client.post("/api/courses/join", json={"code": "A\x00"}, headers=ann).status_code == 404
    assert env.client.post("/api/courses/join", json={"code": ""}, headers=ann).status_code == 422
    # An item may be in one assignment of a course only (one gradebook column per slug).
    now = utcnow()
    add_assignment(env, course, ["add-one"], now, now + timedelta(days=1))
    body = {
        "title": "W2",
        "items": ["add-one"],
        "opens_at": now.isoformat(),
        "due_at": (now + timedelta(days=2)).isoformat(),
    }
    assert env.client.post(f"/api/courses/{course['id']}/assignments", json=body, headers=teacher).status_code == 422
    # Another instructor's draft is not an item anyone else may assign.
    add_problem(env.db_url, "others-draft", ADD_ONE, published=False, author_id=user_id(env, "other"))
    body = {
        "title": "W3",
        "items": ["others-draft"],
        "opens_at": now.isoformat(),
        "due_at": (now + timedelta(days=2)).isoformat(),
    }
    assert env.client.post(f"/api/courses/{course['id']}/assignments", json=body, headers=teacher).status_code == 422


def test_pages_in_the_browser_flow(env):
    """Instructor and learner through the HTML forms (cookie + CSRF)."""
    make_user(env, "teach", instructor=True)
    make_user(env, "ann")
    from fastapi.testclient import TestClient

    def login(name):
        client = TestClient(env.app)
        token = csrf_of(client.get("/login").text)
        client.post("/login", data={"username": name, "password": "password123", "csrf_token": token})
        return client, csrf_of(client.get("/courses").text)

    teacher, token = login("teach")
    created = teacher.post("/courses", data={"name": "Deep 课程", "csrf_token": token}, follow_redirects=False)
    assert created.status_code == 303
    course_url = created.headers["location"]
    page = teacher.get(course_url).text
    assert "Deep 课程" in page
    with env.session() as session:
        from app.models import Course

        code = session.scalar(select(Course.join_code))
    form = {
        "title": "Week 1",
        "items": "add-one\nnot-a-problem",
        "opens_at": "2020-01-01T00:00",
        "due_at": "2099-01-01T00:00",
        "late": "close",
        "csrf_token": token,
    }
    refused = teacher.post(f"{course_url}/assignments", data=form)
    assert refused.status_code == 422
    assert "not-a-problem" in refused.text and 'value="Week 1"' in refused.text  # the form keeps what was typed
    form["items"] = "add-one, lora-is-not-compression-demo"
    assert teacher.post(f"{course_url}/assignments", data=form, follow_redirects=False).status_code == 303
    without_csrf = teacher.post(f"{course_url}/code", data={})
    assert without_csrf.status_code == 403

    learner, learner_token = login("ann")
    joined = learner.post("/courses/join", data={"code": code, "csrf_token": learner_token}, follow_redirects=False)
    assert joined.status_code == 303
    mine = learner.get("/courses").text
    assert "Deep 课程" in mine and "Week 1" in mine and "2099-01-01 00:00" in mine and "Add one" in mine
    assert learner.post("/courses", data={"name": "Mine", "csrf_token": learner_token}).status_code == 403
    assert learner.get(course_url).status_code == 404
    grid = teacher.get(course_url).text
    assert f"{course_url}/learners/ann/add-one" in grid


def test_admin_manages_every_course(env, course, tmp_path, monkeypatch):
    monkeypatch.setenv("RANKUP_DATABASE_URL", env.db_url)
    monkeypatch.setenv("RANKUP_SECRET_KEY_FILE", str(tmp_path / "secret"))
    result = CliRunner().invoke(cli, ["users", "create", "root", "--password", "password123", "--admin"])
    assert result.exit_code == 0, result.output
    with env.session() as session:
        root = session.scalar(select(User).where(User.username == "root"))
        assert root.is_admin and root.is_instructor
    admin = bearer(env.client, "root")
    assert env.client.get(f"/api/courses/{course['id']}/gradebook", headers=admin).status_code == 200
    assert env.client.get(f"/courses/{course['id']}", headers=admin).status_code == 200


def test_authorization_matrix(env, course):
    """Every course route as another instructor, a learner member, a non-member and anonymous."""
    now = utcnow()
    add_assignment(env, course, ["add-one"], now - timedelta(days=1), now + timedelta(days=1))
    cid = course["id"]
    assignment = {
        "title": "X",
        "items": ["add-one"],
        "opens_at": now.isoformat(),
        "due_at": (now + timedelta(days=1)).isoformat(),
    }
    routes = [
        ("GET", f"/api/courses/{cid}/gradebook", None),
        ("GET", f"/api/courses/{cid}/gradebook.csv", None),
        ("POST", f"/api/courses/{cid}/assignments", assignment),
        ("GET", f"/courses/{cid}", None),
        ("GET", f"/courses/{cid}/learners/ann/add-one", None),
        ("POST", f"/courses/{cid}/code", None),
        ("POST", f"/courses/{cid}/members/ann/remove", None),
        ("POST", f"/courses/{cid}/assignments", None),
        ("POST", f"/api/courses/{cid}/join-code", None),
        ("GET", f"/api/courses/{cid}/members", None),
        ("DELETE", f"/api/courses/{cid}/members/ann", None),
        ("GET", f"/api/courses/{cid}/analytics/add-one", None),
        ("GET", f"/courses/{cid}/analytics/add-one", None),
    ]
    callers = {"other": bearer(env.client, "other"), "ann": bearer(env.client, "ann"), "eve": bearer(env.client, "eve")}
    for method, url, body in routes:
        for name, headers in callers.items():
            response = env.client.request(method, url, json=body, headers=headers)
            assert response.status_code == 404, (name, method, url, response.status_code)
        anonymous = env.client.request(method, url, json=body, follow_redirects=False)
        assert anonymous.status_code in (401, 403) or anonymous.headers["location"].startswith("/login"), (method, url)
    # Creating a course: instructors only.
    assert env.client.post("/api/courses", json={"name": "N"}, headers=callers["ann"]).status_code == 403
    assert env.client.post("/api/courses", json={"name": "N"}).status_code in (401, 403)
    assert env.client.post("/api/courses/join", json={"code": course["code"]}).status_code in (401, 403)
    assert env.client.get("/courses", follow_redirects=False).headers["location"].startswith("/login")
    # Nothing changed: ann is still a member and the code still works.
    book = env.client.get(f"/api/courses/{cid}/gradebook", headers=course["teacher"]).json()
    assert "ann" in {row["username"] for row in book["learners"]}
    joined = env.client.post("/api/courses/join", json={"code": course["code"]}, headers=callers["eve"])
    assert joined.status_code == 200


def test_manage_members_and_code_through_the_api(env, course):
    cid, teacher = course["id"], course["teacher"]
    listed = env.client.get(f"/api/courses/{cid}/members", headers=teacher)
    assert listed.status_code == 200, listed.text
    members = listed.json()["members"]
    assert [m["username"] for m in members] == sorted(["ann", "bob", CHINESE_NAME])
    assert all(m["joined_at"].endswith(("Z", "+00:00")) for m in members)

    rotated = env.client.post(f"/api/courses/{cid}/join-code", headers=teacher)
    assert rotated.status_code == 200, rotated.text
    code = rotated.json()["join_code"]
    assert code != course["code"] and len(code) == JOIN_CODE_LENGTH and set(code) <= set(JOIN_CODE_ALPHABET)
    eve = bearer(env.client, "eve")
    assert env.client.post("/api/courses/join", json={"code": course["code"]}, headers=eve).status_code == 404
    assert env.client.post("/api/courses/join", json={"code": code}, headers=eve).status_code == 200

    removed = env.client.delete(f"/api/courses/{cid}/members/bob", headers=teacher)
    assert removed.status_code == 204 and removed.content == b""
    again = env.client.delete(f"/api/courses/{cid}/members/bob", headers=teacher)
    assert again.status_code == 404 and "detail" in again.json()
    assert env.client.delete(f"/api/courses/{cid}/members/nobody", headers=teacher).status_code == 404
    assert env.client.delete(f"/api/courses/{cid}/members/a%00b", headers=teacher).status_code == 404
    assert env.client.delete(f"/api/courses/{cid}/members/{'x' * 65}", headers=teacher).status_code == 422
    names = [m["username"] for m in env.client.get(f"/api/courses/{cid}/members", headers=teacher).json()["members"]]
    assert names == sorted(["ann", "eve", CHINESE_NAME])
    # bob is out of the course: it is gone from his own list too
    assert env.client.get("/api/courses", headers=bearer(env.client, "bob")).json() == {"courses": []}


def test_the_page_forms_rotate_and_remove(env, course):
    """The course page's no-JavaScript forms, with the session cookie and its CSRF token."""
    from tests.app.test_author import login

    teacher, token = login(env, "teach")
    cid = course["id"]
    page = teacher.get(f"/courses/{cid}").text
    assert f'action="/courses/{cid}/code"' in page and f'action="/courses/{cid}/members/bob/remove"' in page
    rotated = teacher.post(f"/courses/{cid}/code", data={"csrf_token": token}, follow_redirects=False)
    assert rotated.status_code == 303
    assert course["code"] not in teacher.get(f"/courses/{cid}").text
    removed = teacher.post(f"/courses/{cid}/members/bob/remove", data={"csrf_token": token}, follow_redirects=False)
    assert removed.status_code == 303
    members = env.client.get(f"/api/courses/{cid}/members", headers=course["teacher"]).json()["members"]
    assert "bob" not in [m["username"] for m in members]
    # the cookie without the token changes nothing
    assert teacher.delete(f"/api/courses/{cid}/members/ann").status_code == 403
    assert teacher.post(f"/api/courses/{cid}/join-code").status_code == 403
    assert teacher.delete(f"/api/courses/{cid}/members/ann", headers={"X-CSRF-Token": token}).status_code == 204


def test_a_learner_lists_their_courses_with_due_dates_and_status(env, course):
    now = utcnow()
    opens, due = now - timedelta(days=1), now + timedelta(days=2)
    add_assignment(env, course, ["add-one", "lora-is-not-compression-demo"], opens, due)
    add_attempt(env, "ann", "add-one", now - timedelta(hours=1), "wrong_answer")
    add_attempt(env, "ann", "add-one", now - timedelta(minutes=5), "accepted")
    response = env.client.get("/api/courses", headers=bearer(env.client, "ann"))
    assert response.status_code == 200, response.text
    (entry,) = response.json()["courses"]
    assert entry["id"] == course["id"] and entry["name"] == "ML 101"
    (assignment,) = entry["assignments"]
    assert assignment["title"] == "Week 1" and assignment["late"] == "accept"
    assert assignment["due_at"].startswith(due.strftime("%Y-%m-%dT%H:%M")) and assignment["due_at"].endswith(
        ("Z", "+00:00")
    )
    first, second = assignment["items"]
    assert (first["slug"], first["title"], first["kind"]) == ("add-one", "Add one", "code")
    assert first["best_verdict"] == "accepted" and first["attempts"] == 2 and first["late"] is False
    assert first["first_accepted_at"] is not None
    assert second["slug"] == "lora-is-not-compression-demo" and second["best_verdict"] is None
    # bob's standing is his own; eve is in no course; anonymous is refused
    bob = env.client.get("/api/courses", headers=bearer(env.client, "bob")).json()["courses"][0]
    assert bob["assignments"][0]["items"][0]["best_verdict"] is None
    assert env.client.get("/api/courses", headers=bearer(env.client, "eve")).json() == {"courses": []}
    assert env.client.get("/api/courses").status_code == 401


def due_lines(html: str) -> list[str]:
    """The due lines of a problem page, as text with the spaces squeezed."""
    block = re.search(r'<ul class="due-notes" id="due-notes">(.*?)</ul>', html, re.S)
    if block is None:
        return []
    items = re.findall(r"<li[^>]*>(.*?)</li>", block.group(1), re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]


def test_due_lines_on_problem_pages(env, course):
    now = utcnow()
    add_assignment(env, course, ["add-one"], now - timedelta(days=1), now + timedelta(days=2, minutes=5))
    add_assignment(env, course, ["add-two"], now - timedelta(days=5), now - timedelta(days=3), title="Week 0")
    add_assignment(
        env,
        course,
        ["lora-is-not-compression-demo"],
        now - timedelta(days=5),
        now - timedelta(days=3),
        late="close",
        title="Week -1",
    )
    ann = bearer(env.client, "ann")
    assert due_lines(env.client.get("/problems/add-one", headers=ann).text) == ["Due in 2 days for ML 101 — Week 1"]
    assert due_lines(env.client.get("/problems/add-two", headers=ann).text) == [
        "Overdue by 3 days for ML 101 — Week 0; late work is accepted and flagged"
    ]
    assert due_lines(env.client.get("/problems/lora-is-not-compression-demo", headers=ann).text) == [
        "Closed 3 days ago for ML 101 — Week -1; late work does not count"
    ]
    # In Chinese the time is babel's, in the page's language.
    assert "2天" in due_lines(env.client.get("/problems/add-one?lang=zh", headers=ann).text)[0]
    # Accepted: the line stays, with a done mark; late work is flagged.
    add_attempt(env, "ann", "add-one", now - timedelta(minutes=1), "accepted")
    add_attempt(env, "ann", "add-two", now - timedelta(minutes=1), "accepted")
    assert due_lines(env.client.get("/problems/add-one", headers=ann).text) == [
        "done Due in 2 days for ML 101 — Week 1"
    ]
    assert due_lines(env.client.get("/problems/add-two", headers=ann).text) == [
        "done Was due 3 days ago for ML 101 — Week 0 late"
    ]
    # Not a member, a visitor, a problem in no assignment: no line.
    assert due_lines(env.client.get("/problems/add-one", headers=bearer(env.client, "eve")).text) == []
    assert due_lines(env.client.get("/problems/add-one").text) == []
    add_problem(env.db_url, "add-three", ADD_ONE, source=ProblemSource.BANK)
    assert due_lines(env.client.get("/problems/add-three", headers=ann).text) == []


def test_due_lines_only_for_opened_assignments_and_every_course(env, course):
    now = utcnow()
    add_assignment(env, course, ["add-one"], now + timedelta(days=1), now + timedelta(days=3))  # not open yet
    ann = bearer(env.client, "ann")
    assert due_lines(env.client.get("/problems/add-one", headers=ann).text) == []
    second = env.client.post("/api/courses", json={"name": "<b>Deep</b> 课程"}, headers=course["teacher"]).json()
    assert env.client.post("/api/courses/join", json={"code": second["join_code"]}, headers=ann).status_code == 200
    add_assignment(
        env,
        {**course, "id": second["id"]},
        ["add-one"],
        now - timedelta(hours=1),
        now + timedelta(hours=5),
        title="Sprint",
    )
    html = env.client.get("/problems/add-one", headers=ann).text
    assert due_lines(html) == ["Due in 5 hours for &lt;b&gt;Deep&lt;/b&gt; 课程 — Sprint"]
    assert "<b>Deep</b>" not in html
