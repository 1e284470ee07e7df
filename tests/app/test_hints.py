"""Progressive hints through the API on a real SQLite file: they open one at a time and in order, are recorded
and counted on the attempts made after them, cap the review rating at Hard, come in the learner's language,
and stay locked in a mock interview."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import scheduling
from app.db import make_engine
from app.models import Attempt, HintOpen, MockItem, MockSession, Problem, Rating, ReviewLog, User, utcnow
from tests.app.test_scheduling import START, scripted
from tests.app.webapp import ADD_ONE, ADD_ONE_CORRECT, add_problem, bearer, make_user, wait_done

HINTS = """hints = ["HINT-ONE: look at each element.", "HINT-TWO: broadcasting adds a scalar.", "HINT-THREE: x + 1."]
hints_zh = ["提示一：看每个元素。", "提示二：广播（broadcasting）加一个标量。", "提示三：x + 1。"]
"""


@pytest.fixture
def hinted(env):
    add_problem(env.db_url, "add-one-hinted", dict(ADD_ONE, **{"hints.toml": HINTS}))
    make_user(env, "ann")
    return env


def session_for(env) -> Session:
    return Session(make_engine(env.db_url), expire_on_commit=False)


def test_hints_open_one_at_a_time_in_order(hinted):
    client, headers = hinted.client, bearer(hinted.client, "ann")
    url = "/api/problems/add-one-hinted/hints"
    assert client.get(url, headers=headers).json() == {"opened": [], "opened_html": [], "total": 3}
    early = client.post(f"{url}/2", headers=headers)
    assert early.status_code == 409 and "hint 1 first" in early.json()["detail"]
    first = client.post(f"{url}/1", headers=headers)
    assert first.status_code == 200 and first.json()["opened"] == ["HINT-ONE: look at each element."]
    assert first.json()["opened_html"] == ["<p>HINT-ONE: look at each element.</p>\n"]
    assert client.post(f"{url}/1", headers=headers).json()["opened"] == first.json()["opened"]  # a no-op
    second = client.post(f"{url}/2?lang=zh", headers=headers).json()
    assert second["opened"] == ["提示一：看每个元素。", "提示二：广播（broadcasting）加一个标量。"]
    assert client.post(f"{url}/4", headers=headers).status_code == 404
    assert client.post(f"{url}/0", headers=headers).status_code == 422
    assert client.post("/api/problems/add-one/hints/1", headers=headers).status_code == 404  # it has no hints
    assert client.post("/api/problems/lora-is-not-compression-demo/hints/1", headers=headers).status_code == 404
    assert client.post(f"{url}/1").status_code == 401
    with session_for(hinted) as session:
        numbers = session.scalars(select(HintOpen.number).order_by(HintOpen.number)).all()
    assert numbers == [1, 2]


def test_attempts_record_how_many_hints_were_open(hinted):
    client, headers = hinted.client, bearer(hinted.client, "ann")
    url = "/api/problems/add-one-hinted/submissions"
    before = client.post(url, json={"code": ADD_ONE_CORRECT, "mode": "run"}, headers=headers).json()["id"]
    wait_done(client, before, headers)
    client.post("/api/problems/add-one-hinted/hints/1", headers=headers)
    client.post("/api/problems/add-one-hinted/hints/2", headers=headers)
    after = client.post(url, json={"code": ADD_ONE_CORRECT, "mode": "submit"}, headers=headers).json()["id"]
    assert wait_done(client, after, headers)["verdict"] == "accepted"
    with session_for(hinted) as session:
        used = dict(session.execute(select(Attempt.id, Attempt.hints_used)).all())
        user = session.scalar(select(User).where(User.username == "ann"))
        state = scheduling.due_items(session=session, user=user, now=utcnow() + timedelta(days=365))
    assert used[before] == 0 and used[after] == 2
    assert [p.slug for p, _ in state] == ["add-one-hinted"]  # the acceptance was reviewed ...
    with session_for(hinted) as session:
        ratings = session.scalars(select(ReviewLog.rating)).all()
    assert ratings == [Rating.HARD]  # ... as Hard: a hint was open before it


def test_a_hint_opened_before_acceptance_caps_the_rating_at_hard(hinted):
    make_user(hinted, "bob")
    with session_for(hinted) as session:
        user = session.scalar(select(User).where(User.username == "bob"))
        problem = session.scalar(select(Problem).where(Problem.slug == "add-one-hinted"))
        session.add(HintOpen(user_id=user.id, problem_id=problem.id, number=1, created_at=START))
        accepted = scripted(session, user, problem, ["accepted"], start=START + timedelta(minutes=1))
        assert scheduling.problem_rating(session=session, attempt=accepted) == Rating.HARD
        # a hint opened before the previous review does not weigh on the next one
        scheduling.review(
            session=session,
            user=user,
            problem=problem,
            rating=Rating.HARD,
            source=scheduling.ReviewSource.ATTEMPTS,
            when=START + timedelta(hours=1),
        )
        again = scripted(session, user, problem, ["accepted"], start=START + timedelta(days=3))
        assert scheduling.problem_rating(session=session, attempt=again) == Rating.GOOD


def test_hints_are_locked_during_a_mock_interview(hinted):
    client, headers = hinted.client, bearer(hinted.client, "ann")
    with session_for(hinted) as session:
        user = session.scalar(select(User).where(User.username == "ann"))
        problem = session.scalar(select(Problem).where(Problem.slug == "add-one-hinted"))
        now = utcnow()
        mock = MockSession(user_id=user.id, minutes=30, started_at=now, ends_at=now + timedelta(minutes=30))
        session.add(mock)
        session.flush()
        session.add(MockItem(mock_id=mock.id, position=1, problem_id=problem.id))
        session.commit()
    locked = client.post("/api/problems/add-one-hinted/hints/1", headers=headers)
    assert locked.status_code == 409 and "mock interview" in locked.json()["detail"]
    assert client.get("/api/problems/add-one-hinted/hints", headers=headers).json()["opened"] == []
