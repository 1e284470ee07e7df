"""The bulk check (`app.bulkcheck`): all of an instructor's problems validated in the real sandbox, one table."""

from __future__ import annotations

import threading
import time

from sqlalchemy import select

import grader
from app.models import Problem
from tests.app.test_author import CODE_FORM, login
from tests.app.webapp import bearer, make_user, one_connection

CARD_FORM = {
    "kind": "qa",
    "create": "1",
    "slug": "kv-card",
    "title": "What is a KV cache?",
    "difficulty": "easy",
    "topic": "transformers",
    "question.md": "What is it?",
    "answer.md": "It stores the keys and values of earlier tokens. " * 10,
    "key_points": "stores K and V\nper layer\nsaves recompute",
    "wrong_answers": "it caches outputs",
}


def save_three(teacher, token) -> None:
    """A valid coding problem, a valid English-only card, and a coding problem whose reference is wrong."""
    broken = {**CODE_FORM, "slug": "double-broken", "reference.py": "def double(x):\n    return x * 3\n"}
    for form in (CODE_FORM, CARD_FORM, broken):
        saved = teacher.post("/author/save", data={**form, "csrf_token": token}, follow_redirects=False)
        assert saved.status_code == 303, saved.text


def test_bulk_check_page_validates_every_problem_and_records_it(env):
    make_user(env, "teacher", instructor=True)
    make_user(env, "other", instructor=True)
    teacher, token = login(env, "teacher")
    save_three(teacher, token)
    other, other_token = login(env, "other")
    saved = other.post(
        "/author/save", data={**CODE_FORM, "slug": "others-double", "csrf_token": other_token}, follow_redirects=False
    )
    assert saved.status_code == 303
    assert 'id="bulk-check"' in teacher.get("/author/bulk").text and 'id="author-bulk"' in teacher.get("/author").text
    page = teacher.post("/author/bulk", data={"csrf_token": token})
    assert page.status_code == 200 and 'id="bulk-results"' in page.text
    rows = {slug: page.text.split(f'data-slug="{slug}"')[1].split("</tr>")[0] for slug in ("double-it", "kv-card")}
    assert "verdict-accepted" in rows["double-it"] and "verdict-accepted" in rows["kv-card"]
    broken = page.text.split('data-slug="double-broken"')[1].split("</tr>")[0]
    assert "wrong/triple.py is accepted but must be rejected" in broken
    assert "others-double" not in page.text  # only your own problems
    with env.session() as session:
        problems = {p.slug: p for p in session.scalars(select(Problem))}
    assert problems["double-it"].validated_hash and problems["double-it"].validation_errors == []
    assert problems["double-broken"].validation_errors and problems["others-double"].validated_hash is None
    # The recorded outcome lets the valid one be published.
    assert teacher.post("/author/double-it/publish", data={"csrf_token": token}).status_code == 200
    assert teacher.post("/author/double-broken/publish", data={"csrf_token": token}).status_code == 409


def test_bulk_check_api(env):
    make_user(env, "teacher", instructor=True)
    make_user(env, "learner")
    teacher, token = login(env, "teacher")
    save_three(teacher, token)
    response = env.client.post("/api/author/bulk-check", headers=bearer(env.client, "teacher"))
    assert response.status_code == 200
    results = {r["slug"]: r for r in response.json()["results"]}
    assert sorted(results) == ["double-broken", "double-it", "kv-card"]
    assert results["double-it"]["ok"] and results["double-it"]["reasons"] == []
    assert results["kv-card"]["ok"]
    assert not results["double-broken"]["ok"] and results["double-broken"]["reasons"]
    assert env.client.post("/api/author/bulk-check", headers=bearer(env.client, "learner")).status_code == 403


def test_one_run_at_a_time_holding_no_database_connection(env):
    make_user(env, "teacher", instructor=True)
    teacher, token = login(env, "teacher")
    form = {
        **CODE_FORM,
        "slug": "slow-double",
        "generator.py": CODE_FORM["generator.py"].replace("    rng =", "    import time\n    time.sleep(3)\n    rng ="),
    }
    assert teacher.post("/author/save", data={**form, "csrf_token": token}, follow_redirects=False).status_code == 303
    database = one_connection(env)
    pool = grader.default_pool()
    pool.wait_idle()
    headers = bearer(env.client, "teacher")
    results = []
    checker = threading.Thread(
        target=lambda: results.append(env.client.post("/api/author/bulk-check", headers=headers))
    )
    checker.start()
    while pool.free.qsize() == len(pool.slots):  # wait for the generator to take a sandbox slot
        assert checker.is_alive()
        time.sleep(0.01)
    assert database.pool.checkedout() == 0  # the run gave its connection back before validating
    second = teacher.post("/author/bulk", data={"csrf_token": token})
    assert second.status_code == 409 and "already running" in second.text
    checker.join()
    assert results[0].status_code == 200 and results[0].json()["results"][0]["ok"], results[0].text
    again = env.client.post("/api/author/bulk-check", headers=headers)  # the slot is free again
    assert again.status_code == 200
