"""Timed mock interviews through the app client, a real SQLite file and the real sandbox: start to finish,
item picking, the editorial and reveal locks, one running session per learner, expiry with the clock moved,
other learners' sessions, bad input, a grade that lands after the end, and earlier attempts locked."""

from __future__ import annotations

import random
import re
import threading
import tomllib
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

import grader
from app import mock
from app.db import make_engine
from app.grading import Kind
from app.models import (
    Attempt,
    MockItem,
    MockSession,
    Problem,
    ProblemSource,
    ReviewLog,
    ReviewSource,
    ReviewState,
    Track,
    User,
    utcnow,
)
from grader.spec import read_folder
from tests.app.webapp import (
    ADD_ONE_CORRECT,
    ADD_ONE_WRONG,
    add_problem,
    bearer,
    live_server,
    make_user,
    register,
    wait_done,
)

CODE_SLUG = "absmax-int8-quantization"  # an easy numpy problem: its reference is the accepted submission


def bank_meta() -> dict[str, dict]:
    """slug -> problem.toml of every bank problem (read only, nothing imported)."""
    out = {}
    for slug in grader.bank_slugs(grader.PROBLEMS_DIR):
        out[slug] = tomllib.loads((grader.PROBLEMS_DIR / slug / "problem.toml").read_text())
    return out


def add_bank(db_url: str, slugs: list[str], published: bool = True) -> None:
    for slug in slugs:
        add_problem(
            db_url, slug, read_folder(grader.PROBLEMS_DIR / slug), published=published, source=ProblemSource.BANK
        )


def session_for(env) -> Session:
    return Session(make_engine(env.db_url), expire_on_commit=False)


def add_track(env, slug: str, items: list[str]) -> None:
    with session_for(env) as session:
        session.add(Track(slug=slug, title=f"Track {slug}", items=items, source=ProblemSource.BANK))
        session.commit()


def cards_outside(meta: dict, topic: str, count: int) -> list[str]:
    """`count` bank cards of distinct topics, none in `topic`."""
    chosen, topics = [], {topic}
    for slug, toml in sorted(meta.items()):
        if toml.get("kind") == Kind.QA and toml["topic"] not in topics:
            chosen.append(slug)
            topics.add(toml["topic"])
        if len(chosen) == count:
            return chosen
    raise AssertionError("the bank has too few topics")


def login(env, username: str) -> dict[str, str]:
    """Register through the pages (a cookie session, so pages and API share it); returns the CSRF header."""
    return {"X-CSRF-Token": register(env.client, username)}


def test_a_mock_from_start_to_finish(env):
    meta = bank_meta()
    cards = cards_outside(meta, meta[CODE_SLUG]["topic"], 3)
    add_bank(env.db_url, [CODE_SLUG, *cards])
    add_track(env, "interview-drill", [CODE_SLUG, *cards])
    headers = login(env, "alice")
    client = env.client

    # code from before the mock (a draft of an earlier solution) is not in the editor during the mock
    draft = {"code": "# OLD-DRAFT-MARKER\n"}
    assert client.put(f"/api/problems/{CODE_SLUG}/draft", json=draft, headers=headers).status_code == 204
    started = client.post("/api/mock", json={"minutes": 30, "track": "interview-drill"}, headers=headers)
    assert started.status_code == 201, started.text
    body = started.json()
    mock_id = body["id"]
    assert [i["slug"] for i in body["items"]] == [CODE_SLUG, *cards]
    assert [i["kind"] for i in body["items"]] == ["code", "qa", "qa", "qa"]
    assert 0 < body["remaining_s"] <= 30 * 60
    assert body["items"][0]["url"] == f"/problems/{CODE_SLUG}?mock={mock_id}"

    # the session page: the items, the server's seconds left for the countdown, a Finish form
    page = client.get(f"/mock/{mock_id}")
    assert page.status_code == 200
    remaining = int(re.search(r'data-remaining="(\d+)"', page.text).group(1))
    assert 0 < remaining <= 30 * 60
    assert all(f"/problems/{slug}?mock={mock_id}" in page.text for slug in [CODE_SLUG, *cards])
    assert f'action="/mock/{mock_id}/finish"' in page.text

    # the coding problem in the mock: countdown, editorial not rendered, "show me" refused, opened_at recorded
    problem_page = client.get(f"/problems/{CODE_SLUG}?mock={mock_id}")
    assert 'id="mock-timer"' in problem_page.text and 'id="editorial-locked"' in problem_page.text
    assert 'id="show-editorial"' not in problem_page.text
    assert "OLD-DRAFT-MARKER" not in problem_page.text
    editorial = read_folder(grader.PROBLEMS_DIR / CODE_SLUG)["editorial.md"]
    assert editorial.strip().splitlines()[-1] not in problem_page.text
    locked = client.post(f"/api/problems/{CODE_SLUG}/editorial", headers=headers)
    assert locked.status_code == 409 and "locked during your mock interview" in locked.json()["detail"]

    # Submit works as usual, in the real sandbox, and the attempt belongs to the mock
    reference = (grader.PROBLEMS_DIR / CODE_SLUG / "reference.py").read_text()
    queued = client.post(
        f"/api/problems/{CODE_SLUG}/submissions", json={"code": reference, "mode": "submit"}, headers=headers
    )
    assert queued.status_code == 202, queued.text
    assert wait_done(client, queued.json()["id"])["verdict"] == "accepted"

    # card 1: the reveal waits for the answer; answered, revealed and rated Good in the mock
    first = cards[0]
    assert client.post(f"/api/problems/{first}/reveal", headers=headers).status_code == 409
    card_page = client.get(f"/problems/{first}?mock={mock_id}")
    assert 'id="mock-banner"' in card_page.text and 'data-answered="false"' in card_page.text
    empty = client.post(f"/api/mock/{mock_id}/items/2/answer", json={"answer": "  "}, headers=headers)
    assert empty.status_code == 422
    answered = client.post(f"/api/mock/{mock_id}/items/2/answer", json={"answer": "My answer."}, headers=headers)
    assert answered.status_code == 201 and answered.json()["slug"] == first
    assert client.post(f"/api/problems/{first}/reveal", headers=headers).status_code == 200
    rated = client.post(
        f"/api/problems/{first}/qa-attempts", json={"answer": "My answer.", "rating": "good"}, headers=headers
    )
    assert rated.status_code == 201, rated.text
    # card 2 answered but never rated; card 3 left alone
    unrated = client.post(f"/api/mock/{mock_id}/items/3/answer", json={"answer": "Hmm."}, headers=headers)
    assert unrated.status_code == 201
    coding_item = client.post(f"/api/mock/{mock_id}/items/1/answer", json={"answer": "x"}, headers=headers)
    assert coding_item.status_code == 422

    with session_for(env) as session:
        attempts = session.scalars(select(Attempt).order_by(Attempt.id)).all()
        assert [a.mock_id for a in attempts] == [mock_id] * 3  # one submission, one answer per answered card
        opened = session.scalars(select(MockItem.opened_at).where(MockItem.mock_id == mock_id)).all()
        assert [o is not None for o in opened] == [True, True, False, False]

    finished = client.post(f"/api/mock/{mock_id}/finish", headers=headers)
    assert finished.status_code == 200
    report = finished.json()["report"]
    assert [row["outcome"] for row in report["items"]] == ["accepted", "good", "answered", "not_answered"]
    assert [row["attempts"] for row in report["items"]] == [1, 1, 1, 0]
    assert report["topics"] == sorted({meta[cards[1]]["topic"], meta[cards[2]]["topic"]})
    assert report["expired"] is False

    def reviews() -> list[tuple[str, str, str]]:
        with session_for(env) as session:
            rows = session.execute(
                select(Problem.slug, ReviewLog.rating, ReviewLog.source)
                .join(Problem, Problem.id == ReviewLog.problem_id)
                .order_by(ReviewLog.id)
            ).all()
            return sorted(tuple(r) for r in rows)

    logged = reviews()
    assert (cards[0], "good", ReviewSource.CARD) in logged
    assert (cards[1], "again", ReviewSource.CARD) in logged  # answered, not rated
    assert [r[0] for r in logged].count(CODE_SLUG) == 1  # the rule's rating at grading, nothing more
    assert cards[2] not in [r[0] for r in logged]
    assert len(logged) == 3
    again = client.post(f"/api/mock/{mock_id}/finish", headers=headers)
    assert again.json()["report"] == report and reviews() == logged  # finishing twice changes nothing

    report_page = client.get(f"/mock/{mock_id}")
    assert 'id="mock-report"' in report_page.text and "not answered" in report_page.text
    assert 'id="mock-timer"' not in report_page.text
    history = client.get("/mock")
    assert f'href="/mock/{mock_id}"' in history.text and 'id="mock-start"' in history.text
    assert [m["id"] for m in client.get("/api/mock").json()] == [mock_id]
    # after the mock the locks are gone
    assert client.post(f"/api/problems/{CODE_SLUG}/editorial", headers=headers).status_code == 200
    assert client.post(f"/api/problems/{cards[2]}/reveal", headers=headers).status_code == 200


@pytest.fixture
def picking_bank(env) -> dict[str, dict]:
    """A bank slice: published coding problems of every difficulty and many cards, plus unpublished ones."""
    meta = bank_meta()
    code = {
        d: [s for s, t in sorted(meta.items()) if t["kind"] == Kind.CODE and t["difficulty"] == d]
        for d in ("easy", "medium", "hard")
    }
    qa = [s for s, t in sorted(meta.items()) if t["kind"] == Kind.QA]
    published = code["easy"][:3] + code["medium"][:3] + code["hard"][:2] + qa[:12]
    hidden = code["easy"][3:6] + code["hard"][2:4] + qa[12:20]
    add_bank(env.db_url, published)
    add_bank(env.db_url, hidden, published=False)
    make_user(env, "alice")
    return {"meta": meta, "published": set(published) | {"add-one", "lora-is-not-compression-demo"}}


def alice(session: Session) -> User:
    return session.scalar(select(User).where(User.username == "alice"))


@pytest.mark.parametrize("minutes", sorted(mock.PLANS))
def test_picking_counts_kinds_no_duplicates_published_only(env, picking_bank, minutes):
    coding_count, card_count = mock.PLANS[minutes]
    with session_for(env) as session:
        user = alice(session)
        for seed in range(15):
            picked = mock.pick_items(session=session, user=user, minutes=minutes, rng=random.Random(seed))
            kinds = [p.kind for p in picked]
            assert kinds == [Kind.CODE] * coding_count + [Kind.QA] * card_count
            assert len({p.slug for p in picked}) == len(picked)
            assert {p.slug for p in picked} <= picking_bank["published"]
            coding = [p.difficulty for p in picked if p.kind == Kind.CODE]
            assert len(set(coding)) == len(coding)  # the slice has every difficulty: never two alike


def test_picking_prefers_due_items_then_weak_topics(env, picking_bank):
    meta = picking_bank["meta"]
    with session_for(env) as session:
        user = alice(session)
        published = session.scalars(select(Problem).where(Problem.is_published.is_(True))).all()
        cards = sorted((p for p in published if p.kind == Kind.QA), key=lambda p: p.slug)
        due_card = cards[-1]
        session.add(ReviewState(user_id=user.id, problem_id=due_card.id, state=2, due=utcnow() - timedelta(days=1)))
        weak_topic = next(p.topic for p in cards if p.topic != due_card.topic)
        weak = [p for p in published if p.topic == weak_topic and p.id != due_card.id]
        session.add(ReviewLog(user_id=user.id, problem_id=weak[0].id, rating="again", source=ReviewSource.CARD))
        session.add(ReviewState(user_id=user.id, problem_id=weak[0].id, state=2, due=utcnow() + timedelta(days=9)))
        session.commit()
        for seed in range(10):
            picked = mock.pick_items(session=session, user=user, minutes=60, rng=random.Random(seed))
            picked_cards = [p for p in picked if p.kind == Kind.QA]
            assert picked_cards[0].id == due_card.id
            weak_cards = [p for p in cards if p.topic == weak_topic and p.id != due_card.id]
            expected = min(len(weak_cards), len(picked_cards) - 1)
            assert sum(p.topic == weak_topic for p in picked_cards[1:]) == expected
    assert meta  # the slice came from the real bank


def test_picking_from_a_track_takes_its_items_first(env, picking_bank):
    with session_for(env) as session:
        user = alice(session)
        published = session.scalars(select(Problem).where(Problem.is_published.is_(True)).order_by(Problem.slug)).all()
        code = [p for p in published if p.kind == Kind.CODE][:1]
        cards = [p for p in published if p.kind == Kind.QA][:2]
        unpublished = session.scalar(select(Problem).where(Problem.is_published.is_(False)))
        track = Track(slug="short", title="Short", items=[unpublished.slug] + [p.slug for p in code + cards])
        session.add(track)
        session.commit()
        picked = mock.pick_items(session=session, user=user, minutes=45, track=track, rng=random.Random(1))
        assert picked[0] == code[0]  # the track's one coding problem, then one from the bank
        assert picked[2:4] == cards or set(picked[2:4]) == set(cards)  # the track's cards come first
        assert len(picked) == 5 and unpublished not in picked


def test_one_running_mock_per_learner(env, picking_bank):
    headers = login(env, "bob")
    first = env.client.post("/api/mock", json={"minutes": 45}, headers=headers)
    assert first.status_code == 201
    second = env.client.post("/api/mock", json={"minutes": 30}, headers=headers)
    assert second.status_code == 409 and second.json()["id"] == first.json()["id"]
    form = env.client.post(
        "/mock", data={"minutes": "60", "csrf_token": headers["X-CSRF-Token"]}, follow_redirects=False
    )
    assert form.status_code == 303 and form.headers["location"] == f"/mock/{first.json()['id']}"
    assert 'id="mock-running"' in env.client.get("/mock").text
    with session_for(env) as session:
        assert len(session.scalars(select(MockSession)).all()) == 1


def test_expiry_with_the_clock_moved(env, picking_bank):
    headers = login(env, "carol")
    body = env.client.post("/api/mock", json={"minutes": 30}, headers=headers).json()
    mock_id = body["id"]
    coding, card = body["items"][0], body["items"][1]
    assert env.client.get(f"/problems/{card['slug']}?mock={mock_id}").status_code == 200
    answer = {"answer": "An answer before the end."}
    assert env.client.post(f"/api/mock/{mock_id}/items/2/answer", json=answer, headers=headers).status_code == 201
    with session_for(env) as session:
        # move the session into the past: it ended two minutes ago; an attempt made after the end does not count
        start = utcnow() - timedelta(minutes=32)
        session.execute(
            update(MockSession)
            .where(MockSession.id == mock_id)
            .values(started_at=start, ends_at=start + timedelta(minutes=30))
        )
        session.execute(update(MockItem).where(MockItem.mock_id == mock_id).values(opened_at=start))
        session.execute(
            update(Attempt).where(Attempt.mock_id == mock_id).values(created_at=start + timedelta(minutes=5))
        )
        user = session.scalar(select(User).where(User.username == "carol"))
        late = session.scalar(select(Problem).where(Problem.slug == body["items"][2]["slug"]))
        session.add(
            Attempt(
                user_id=user.id,
                problem_id=late.id,
                mode="qa",
                status="done",
                answer="late",
                mock_id=mock_id,
                created_at=utcnow(),
            )
        )
        session.commit()

    read = env.client.get(f"/api/mock/{mock_id}")
    assert read.status_code == 200
    got = read.json()
    assert got["finished_at"] == got["ends_at"] and got["remaining_s"] == 0
    report = got["report"]
    assert report["expired"] is True
    outcomes = [row["outcome"] for row in report["items"]]
    assert outcomes[0] == "not_attempted" and outcomes[1] == "answered" and outcomes[2] == "not_answered"
    assert report["items"][1]["seconds"] == 300.0  # opened at the start, answered five minutes in

    def logs() -> list[tuple[str, str, str]]:
        with session_for(env) as session:
            return [
                tuple(r)
                for r in session.execute(
                    select(Problem.slug, ReviewLog.rating, ReviewLog.source)
                    .join(Problem, Problem.id == ReviewLog.problem_id)
                    .order_by(ReviewLog.id)
                )
            ]

    written = logs()
    assert (coding["slug"], "again", ReviewSource.ATTEMPTS) in written
    assert (card["slug"], "again", ReviewSource.CARD) in written
    assert len(written) == 2
    with session_for(env) as session:
        states = session.scalars(select(ReviewState)).all()
        assert {s.problem_id for s in states} == {
            session.scalar(select(Problem.id).where(Problem.slug == slug)) for slug, _r, _s in written
        }
    # read again, through the page and the API: nothing more is written
    assert 'id="mock-report"' in env.client.get(f"/mock/{mock_id}").text
    assert env.client.get(f"/api/mock/{mock_id}").json()["report"] == report
    assert logs() == written
    # the mock is over: its answers are refused, and a new one can start
    late_answer = env.client.post(f"/api/mock/{mock_id}/items/3/answer", json=answer, headers=headers)
    assert late_answer.status_code == 409
    assert env.client.post("/api/mock", json={"minutes": 30}, headers=headers).status_code == 201


def test_other_learners_mocks_are_not_found(env, picking_bank):
    make_user(env, "dave")
    make_user(env, "erin")
    dave, erin = bearer(env.client, "dave"), bearer(env.client, "erin")
    mock_id = env.client.post("/api/mock", json={"minutes": 30}, headers=dave).json()["id"]
    assert env.client.get(f"/api/mock/{mock_id}", headers=erin).status_code == 404
    assert env.client.post(f"/api/mock/{mock_id}/finish", headers=erin).status_code == 404
    assert env.client.post(f"/api/mock/{mock_id}/items/2/answer", json={"answer": "x"}, headers=erin).status_code == 404
    assert env.client.get("/api/mock", headers=erin).json() == []
    assert env.client.get(f"/api/mock/{mock_id}", headers=dave).json()["finished_at"] is None
    assert env.client.get("/api/mock/999999", headers=dave).status_code == 404


def test_bad_input_is_a_clear_4xx(env, picking_bank):
    make_user(env, "frank")
    headers = bearer(env.client, "frank")
    for body in ({"minutes": 20}, {"minutes": "soon"}, {}, {"minutes": 30, "track": "no-such-track"}):
        response = env.client.post("/api/mock", json=body, headers=headers)
        assert response.status_code == 422, (body, response.text)
        assert response.json()["detail"]
    assert env.client.get("/api/mock/0", headers=headers).status_code == 422
    assert env.client.get("/api/mock", headers=headers).json() == []
    mock_id = env.client.post("/api/mock", json={"minutes": 30}, headers=headers).json()["id"]
    answer_url = f"/api/mock/{mock_id}/items/{{}}/answer"
    assert env.client.post(answer_url.format(9), json={"answer": "x"}, headers=headers).status_code == 404
    assert env.client.post(answer_url.format(2), json={}, headers=headers).status_code == 422
    assert env.client.post(answer_url.format(2), json={"answer": "a\x00"}, headers=headers).status_code == 422
    browser_headers = login(env, "grace")
    form = env.client.post("/mock", data={"minutes": "20", "csrf_token": browser_headers["X-CSRF-Token"]})
    assert form.status_code == 422 and "30, 45, 60 minutes" in form.text
    assert env.client.post("/mock", data={"minutes": "30"}).status_code == 403  # no CSRF token


def test_an_expired_mock_never_read_is_finished_when_the_next_one_starts(env, picking_bank):
    make_user(env, "heidi")
    headers = bearer(env.client, "heidi")
    old = env.client.post("/api/mock", json={"minutes": 45}, headers=headers).json()["id"]
    with session_for(env) as session:
        start = utcnow() - timedelta(hours=2)
        session.execute(
            update(MockSession)
            .where(MockSession.id == old)
            .values(started_at=start, ends_at=start + timedelta(minutes=45))
        )
        session.commit()
    new = env.client.post("/api/mock", json={"minutes": 30}, headers=headers)
    assert new.status_code == 201
    with session_for(env) as session:
        finished = session.get(MockSession, old)
        assert finished.finished_at == finished.ends_at and finished.report is not None
        coding = [row for row in finished.report["items"] if row["kind"] == "code"]
        assert len(coding) == 2 and all(row["outcome"] == "not_attempted" for row in coding)


def held_queue(env) -> threading.Event:
    """Hold the real grading queue's workers just before they call the real grader, until the event is set: the
    test decides when a grade lands, instead of racing it."""
    queue, grade, release = env.app.state.queue, env.app.state.queue.grade, threading.Event()

    def held(spec, source, mode):
        release.wait(120)  # a hang bound
        return grade(spec, source, mode)

    queue.grade = held
    return release


def status_of(env, attempt_id: int) -> str:
    with session_for(env) as session:
        return session.get(Attempt, attempt_id).status


@pytest.mark.parametrize(
    ("code", "outcome", "ratings"),
    [(ADD_ONE_CORRECT, "accepted", ["good"]), (ADD_ONE_WRONG, "not_accepted", ["again"])],
    ids=["accepted", "wrong"],
)
def test_a_submission_graded_after_the_end_counts(env, code, outcome, ratings):
    add_track(env, "add-one-drill", ["add-one", "lora-is-not-compression-demo"])
    headers = login(env, "ivan")
    mock_id = env.client.post("/api/mock", json={"minutes": 30, "track": "add-one-drill"}, headers=headers).json()["id"]
    release = held_queue(env)
    try:
        submitted = env.client.post(
            "/api/problems/add-one/submissions", json={"code": code, "mode": "submit"}, headers=headers
        )
        assert submitted.status_code == 202, submitted.text
        attempt_id = submitted.json()["id"]
        # the learner finishes while the submission, made before the end, is still being graded
        finished = env.client.post(f"/api/mock/{mock_id}/finish", headers=headers)
        assert finished.status_code == 200
        assert status_of(env, attempt_id) != "done"
        assert finished.json()["finished_at"] is not None and finished.json()["report"] is None
        page = env.client.get(f"/mock/{mock_id}")
        assert 'id="mock-grading"' in page.text and 'id="mock-report"' not in page.text
        assert env.client.get(f"/api/mock/{mock_id}").json()["report"] is None  # reading waits too
        with session_for(env) as session:
            assert session.scalars(select(ReviewLog)).all() == []  # no Again written before the grade
    finally:
        release.set()
    assert wait_done(env.client, attempt_id, headers)["verdict"] == (
        "accepted" if outcome == "accepted" else "wrong_answer"
    )
    with session_for(env) as session:
        # the grade that landed built the report, nobody having read the mock since
        row = session.get(MockSession, mock_id)
        assert row.report is not None and row.report["items"][0]["outcome"] == outcome
        assert row.report["items"][0]["attempts"] == 1
        add_one = session.scalar(select(Problem.id).where(Problem.slug == "add-one"))
        logged = session.scalars(select(ReviewLog.rating).where(ReviewLog.problem_id == add_one)).all()
        assert logged == ratings  # the rule's rating once when accepted; Again once when not
        assert session.scalar(select(ReviewState).where(ReviewState.problem_id == add_one)) is not None
    report = env.client.get(f"/api/mock/{mock_id}").json()["report"]
    assert report["items"][0]["outcome"] == outcome
    assert 'id="mock-report"' in env.client.get(f"/mock/{mock_id}").text
    assert env.client.post("/api/mock", json={"minutes": 30}, headers=headers).status_code == 201


def test_reading_a_finished_mock_builds_its_report_once_its_grades_are_in(env):
    """The fallback when a grade is stored without the hook (another backend, a lost hand-over): the next read."""
    add_track(env, "add-one-drill", ["add-one", "lora-is-not-compression-demo"])
    make_user(env, "kim")
    headers = bearer(env.client, "kim")
    mock_id = env.client.post("/api/mock", json={"minutes": 30, "track": "add-one-drill"}, headers=headers).json()["id"]
    with session_for(env) as session:
        user = session.scalar(select(User).where(User.username == "kim"))
        add_one = session.scalar(select(Problem).where(Problem.slug == "add-one"))
        attempt = Attempt(
            user_id=user.id, problem_id=add_one.id, mode="submit", code="x", status="running", mock_id=mock_id
        )
        session.add(attempt)
        session.commit()
        attempt_id = attempt.id
    assert env.client.post(f"/api/mock/{mock_id}/finish", headers=headers).json()["report"] is None
    assert env.client.get(f"/api/mock/{mock_id}", headers=headers).json()["report"] is None
    with session_for(env) as session:
        session.execute(
            update(Attempt).where(Attempt.id == attempt_id).values(status="done", verdict="wrong_answer", passed=0)
        )
        session.commit()
    report = env.client.get(f"/api/mock/{mock_id}", headers=headers).json()["report"]
    assert report["items"][0]["outcome"] == "not_accepted" and report["items"][0]["attempts"] == 1
    assert [m["report"] for m in env.client.get("/api/mock", headers=headers).json()] == [report]
    with session_for(env) as session:
        assert session.scalars(select(ReviewLog.rating)).all() == ["again"]  # settled once, by the first read


def test_an_empty_answer_is_kept_in_and_out_of_a_mock(env):
    """Rating a card with an empty answer box (after a reload) keeps the answer stored before the reveal in a mock,
    and stores an empty answer outside one (it was a 500, found by the fuzzer)."""
    add_track(env, "card-drill", ["lora-is-not-compression-demo"])
    make_user(env, "lena")
    headers = bearer(env.client, "lena")
    url = "/api/problems/lora-is-not-compression-demo/qa-attempts"
    outside = env.client.post(url, json={"answer": "", "rating": "easy"}, headers=headers)
    assert outside.status_code == 201 and outside.json()["answer"] == ""
    mock_id = env.client.post("/api/mock", json={"minutes": 30, "track": "card-drill"}, headers=headers).json()["id"]
    items = env.client.get(f"/api/mock/{mock_id}", headers=headers).json()["items"]
    position = next(i["position"] for i in items if i["kind"] == "qa")
    stored = {"answer": "Stored before the reveal."}
    assert (
        env.client.post(f"/api/mock/{mock_id}/items/{position}/answer", json=stored, headers=headers).status_code == 201
    )
    rated = env.client.post(url, json={"answer": "", "rating": "good"}, headers=headers)
    assert rated.status_code == 201 and rated.json()["answer"] == stored["answer"]


def test_earlier_attempts_are_locked_during_a_mock(env):
    add_bank(env.db_url, [CODE_SLUG])
    add_track(env, "add-one-drill", ["add-one", "lora-is-not-compression-demo"])
    headers = login(env, "judy")
    client = env.client

    def submit(slug: str, code: str) -> int:
        queued = client.post(
            f"/api/problems/{slug}/submissions", json={"code": code, "mode": "submit"}, headers=headers
        )
        assert queued.status_code == 202, queued.text
        return wait_done(client, queued.json()["id"], headers)["id"]

    old = submit("add-one", "# OLD-CODE-MARKER\n" + ADD_ONE_WRONG)
    other = submit(CODE_SLUG, "def absmax_quantize(x):\n    return x\n")
    card = client.post(
        "/api/problems/lora-is-not-compression-demo/qa-attempts",
        json={"answer": "OLD-ANSWER-MARKER", "rating": "hard"},
        headers=headers,
    )
    assert card.status_code == 201
    old_card = card.json()["id"]
    assert client.get(f"/api/submissions/{old}").json()["code"].startswith("# OLD-CODE-MARKER")

    mock_id = client.post("/api/mock", json={"minutes": 30, "track": "add-one-drill"}, headers=headers).json()["id"]
    for attempt_id in (old, old_card):
        api = client.get(f"/api/submissions/{attempt_id}")
        assert api.status_code == 409 and "locked during your mock interview" in api.json()["detail"]
        assert "MARKER" not in api.text
        page = client.get(f"/submissions/{attempt_id}")
        assert page.status_code == 409 and "locked during your mock interview" in page.text
        assert "MARKER" not in page.text
    assert client.get(f"/api/submissions/{old}?wait=5").status_code == 409
    # a problem that is not an item of the mock, and the learner's own attempts made during the mock, stay readable
    assert client.get(f"/api/submissions/{other}").status_code == 200
    during = submit("add-one", "# NEW-CODE\n" + ADD_ONE_CORRECT)
    assert client.get(f"/api/submissions/{during}").json()["code"].startswith("# NEW-CODE")
    assert client.get(f"/submissions/{during}").status_code == 200
    # the history list still names the old attempt (without its code); once the mock ends it opens again
    listed = client.get("/api/submissions?problem=add-one").json()
    assert {row["id"] for row in listed} == {old, during} and all(row["code"] is None for row in listed)
    assert client.post(f"/api/mock/{mock_id}/finish", headers=headers).status_code == 200
    assert client.get(f"/api/submissions/{old}").status_code == 200
    assert client.get(f"/submissions/{old_card}").status_code == 200


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing: apt-get install -y chromium")
def test_browser_countdown_answer_before_reveal_and_time_up(env):
    """Real Chromium on a live server: start a 30-minute mock from the form, see the server's countdown tick,
    answer a card (mock.js stores the answer, then app.js reveals), rate it, and be sent to the report when the
    time runs out."""
    from playwright.sync_api import expect, sync_playwright

    meta = bank_meta()
    cards = cards_outside(meta, meta[CODE_SLUG]["topic"], 3)
    add_bank(env.db_url, [CODE_SLUG, *cards])
    add_track(env, "browser-drill", [CODE_SLUG, *cards])
    with live_server(env.app) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"], headless=True)
        page = browser.new_page()
        page.set_default_timeout(30_000)  # a hang bound, not a timing assertion
        page.goto(f"{url}/register")
        page.fill("input[name=username]", "mallory")
        page.fill("input[name=password]", "password123")
        page.click("button[type=submit].primary")
        page.wait_for_url(f"{url}/")
        page.goto(f"{url}/mock")
        page.select_option("#mock-track", "browser-drill")
        page.click("#mock-start button[type=submit]")
        page.wait_for_url(re.compile(r"/mock/\d+$"))
        mock_id = int(page.url.rsplit("/", 1)[1])
        first = page.inner_text("#mock-timer")
        expect(page.locator("#mock-timer")).not_to_have_text(first, timeout=30_000)  # it ticks
        page.click(f"a[href='/problems/{cards[0]}?mock={mock_id}']")
        page.wait_for_selector("#mock-banner")
        page.click("#qa-reveal")  # no answer yet: refused, nothing revealed
        page.wait_for_selector("#mock-message:not([hidden])")
        assert page.is_hidden("#qa-revealed")
        page.fill("#qa-answer", "Recompute activations in the backward pass.")
        page.click("#qa-reveal")
        page.wait_for_selector("#qa-revealed:not([hidden])")
        page.click("button.rate[data-rating=hard]")
        page.wait_for_selector("#qa-saved:not([hidden])")
        with session_for(env) as session:
            # the time is almost up: the countdown, rendered from the server's clock on the next load, ends it
            soon = utcnow() + timedelta(seconds=2)
            session.execute(update(MockSession).where(MockSession.id == mock_id).values(ends_at=soon))
            session.commit()
        page.reload()
        page.wait_for_selector("#mock-report")
        assert page.url.endswith(f"/mock/{mock_id}")
        assert page.inner_text("#mock-report tbody tr:nth-child(2) .mock-outcome") == "rated hard"
        browser.close()
