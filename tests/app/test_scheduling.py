"""Spaced repetition through the real `fsrs` library, a real SQLite file and the real grader: card ratings,
the coding-problem rating rule on scripted attempt histories, the review queue and the override."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import fsrs
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import scheduling
from app.db import make_engine
from app.models import (
    Attempt,
    AttemptMode,
    AttemptStatus,
    EditorialUnlock,
    Problem,
    Rating,
    ReviewLog,
    ReviewSource,
    ReviewState,
    User,
)
from tests.app.webapp import ADD_ONE_CORRECT, ADD_ONE_WRONG, bearer, make_user, wait_done

START = datetime(2026, 3, 1, 9, 0)


def session_for(env) -> Session:
    return Session(make_engine(env.db_url), expire_on_commit=False)


def user_and_problem(session: Session, username: str, slug: str) -> tuple[User, Problem]:
    user = session.scalar(select(User).where(User.username == username))
    return user, session.scalar(select(Problem).where(Problem.slug == slug))


def test_card_reviews_follow_the_fsrs_library(env):
    make_user(env, "alice")
    ratings = [Rating.GOOD, Rating.AGAIN, Rating.GOOD, Rating.EASY, Rating.HARD]
    library = fsrs.Scheduler(desired_retention=0.9, enable_fuzzing=False)
    card, when, expected = fsrs.Card(), START, []
    for rating in ratings:
        card, _ = library.review_card(card, scheduling.FSRS_RATINGS[rating], review_datetime=when.replace(tzinfo=UTC))
        expected.append(card.due.replace(tzinfo=None))
        when = expected[-1] + timedelta(minutes=5)
    with session_for(env) as session:
        user, problem = user_and_problem(session, "alice", "lora-is-not-compression-demo")
        when, got = START, []
        for rating in ratings:
            state = scheduling.review(
                session=session, user=user, problem=problem, rating=rating, source=ReviewSource.CARD, when=when
            )
            got.append(state.due)
            when = state.due + timedelta(minutes=5)
        session.commit()
        assert got == expected
        assert len(session.scalars(select(ReviewLog).where(ReviewLog.user_id == user.id)).all()) == len(ratings)
        # a lower target retention schedules longer intervals (the setting reaches the scheduler)
        user.target_retention = 0.8
        relaxed = scheduling.review(
            session=session, user=user, problem=problem, rating=Rating.GOOD, source=ReviewSource.CARD, when=when
        )
        strict = fsrs.Scheduler(desired_retention=0.9, enable_fuzzing=False).review_card(
            card, fsrs.Rating.Good, review_datetime=when.replace(tzinfo=UTC)
        )[0]
        assert relaxed.due > strict.due.replace(tzinfo=None)


def scripted(
    session: Session,
    user: User,
    problem: Problem,
    verdicts: list[str],
    start: datetime = START,
    step: timedelta = timedelta(minutes=3),
    runs_first: int = 0,
) -> Attempt:
    """Store a history of attempts (Runs first, then submissions with these verdicts); returns the last."""
    attempt, when = None, start
    for mode, verdict in [(AttemptMode.RUN, "wrong_answer")] * runs_first + [(AttemptMode.SUBMIT, v) for v in verdicts]:
        attempt = Attempt(
            user_id=user.id,
            problem_id=problem.id,
            mode=mode,
            status=AttemptStatus.DONE,
            verdict=verdict,
            code="x",
            created_at=when,
            finished_at=when,
        )
        session.add(attempt)
        when += step
    session.flush()
    return attempt


def test_the_problem_rating_rule_on_scripted_histories(env):
    for name in ("first-try", "after-wrong", "peeked", "quick", "peer1", "peer2", "peer3", "failing"):
        make_user(env, name)
    with session_for(env) as session:

        def rating(name, verdicts, **kwargs):
            user, problem = user_and_problem(session, name, "add-one")
            return scheduling.problem_rating(
                session=session, attempt=scripted(session, user, problem, verdicts, **kwargs)
            )

        assert rating("first-try", ["accepted"], runs_first=2) == Rating.GOOD
        assert rating("after-wrong", ["wrong_answer", "runtime_error", "accepted"]) == Rating.HARD
        assert rating("failing", ["wrong_answer"]) is None  # nothing to rate until it is accepted
        # the editorial opened before the acceptance: that was the review (Again); acceptance adds none
        user, problem = user_and_problem(session, "peeked", "add-one")
        session.add(EditorialUnlock(user_id=user.id, problem_id=problem.id, reason="shown", created_at=START))
        assert rating("peeked", ["accepted"], start=START + timedelta(minutes=1)) is None
        # three peers took an hour from their first attempt; a first-try acceptance in 10 minutes is Easy
        for peer in ("peer1", "peer2", "peer3"):
            rating(peer, ["wrong_answer", "accepted"], step=timedelta(minutes=60))
        assert rating("quick", ["accepted"], runs_first=1, step=timedelta(minutes=10)) == Rating.EASY
        assert rating("first-try", ["accepted"]) is None  # already accepted in this cycle, not reviewed yet
        # a submission queued before the latest review (graded after it) is not rated again
        user, problem = user_and_problem(session, "after-wrong", "add-one")
        scheduling.review(
            session=session,
            user=user,
            problem=problem,
            rating=Rating.HARD,
            source=ReviewSource.ATTEMPTS,
            when=START + timedelta(hours=5),
        )
        assert rating("after-wrong", ["accepted"], start=START + timedelta(hours=4)) is None


def test_the_review_queue_the_api_and_the_override(env):
    make_user(env, "alice")
    headers = bearer(env.client, "alice")
    assert env.client.get("/api/review", headers=headers).json() == []
    # a card answered with Again comes back within minutes; the API says when
    answered = env.client.post(
        "/api/problems/lora-is-not-compression-demo/qa-attempts",
        headers=headers,
        json={"answer": "It is not.", "key_points_hit": [0], "rating": "again"},
    )
    assert answered.status_code == 201
    # a problem solved on the first submission is rated Good by the rule, through the real grader
    queued = env.client.post("/api/problems/add-one/submissions", headers=headers, json={"code": ADD_ONE_CORRECT})
    assert wait_done(env.client, queued.json()["id"], headers)["verdict"] == "accepted"
    with session_for(env) as session:
        user, problem = user_and_problem(session, "alice", "add-one")
        log = session.scalar(select(ReviewLog).where(ReviewLog.user_id == user.id, ReviewLog.problem_id == problem.id))
        assert (log.rating, log.source) == ("good", "attempts")
        good_due = session.scalar(select(ReviewState.due).where(ReviewState.problem_id == problem.id))
        # move both items into the past: the most overdue comes first
        for state in session.scalars(select(ReviewState).where(ReviewState.user_id == user.id)):
            state.due = START if state.problem_id == problem.id else START + timedelta(days=1)
        session.commit()
    due = env.client.get("/api/review", headers=headers).json()
    assert [item["slug"] for item in due] == ["add-one", "lora-is-not-compression-demo"]
    assert due[0]["kind"] == "code" and due[0]["due"].endswith(("Z", "+00:00"))
    # the learner overrides the rule's Good with Easy: the log is replayed, and the next due date moves later
    overridden = env.client.post("/api/review/add-one", headers=headers, json={"rating": "easy"})
    assert overridden.status_code == 200, overridden.text
    assert datetime.fromisoformat(overridden.json()["due"]).replace(tzinfo=None) > good_due
    card = env.client.post("/api/review/lora-is-not-compression-demo", headers=headers, json={"rating": "good"})
    assert card.status_code == 200 and card.json()["rating"] == "good"
    assert env.client.post("/api/review/add-one", headers=headers, json={"rating": "meh"}).status_code == 422
    assert env.client.put("/api/review/retention", headers=headers, json={"target_retention": 2}).status_code == 422
    assert env.client.put("/api/review/retention", headers=headers, json={"target_retention": 0.85}).status_code == 204


def test_a_problem_cannot_be_rated_before_an_accepted_submission(env):
    make_user(env, "bob")
    headers = bearer(env.client, "bob")
    queued = env.client.post("/api/problems/add-one/submissions", headers=headers, json={"code": ADD_ONE_WRONG})
    assert wait_done(env.client, queued.json()["id"], headers)["verdict"] != "accepted"
    refused = env.client.post("/api/review/add-one", headers=headers, json={"rating": "easy"})
    assert refused.status_code == 409 and "accepted submission" in refused.json()["detail"]
    # opening the editorial before solving is the review: Again
    assert env.client.post("/api/problems/add-one/editorial", headers=headers).status_code == 200
    with session_for(env) as session:
        user, problem = user_and_problem(session, "bob", "add-one")
        logs = session.scalars(select(ReviewLog.rating).where(ReviewLog.user_id == user.id)).all()
        assert logs == ["again"]


def test_the_review_page_walks_through_due_items(env):
    make_user(env, "carol")
    headers = bearer(env.client, "carol")
    assert "Nothing is due now" in env.client.get("/review", headers=headers).text
    env.client.post(
        "/api/problems/lora-is-not-compression-demo/qa-attempts",
        headers=headers,
        json={"answer": "No.", "key_points_hit": [], "rating": "again"},
    )
    with session_for(env) as session:
        for state in session.scalars(select(ReviewState)):
            state.due = START
        session.commit()
    page = env.client.get("/review", headers=headers).text
    assert 'id="review-start"' in page and "Why LoRA is not compression" in page
    assert re.search(r'Review <span class="badge"[^>]*>1</span></a>', page), "the nav counts what is due"
    first = env.client.get("/review/next", headers=headers, follow_redirects=False)
    assert (
        first.status_code == 303 and first.headers["location"] == "/problems/lora-is-not-compression-demo?from=review"
    )
    card = env.client.get(first.headers["location"], headers=headers).text
    assert 'id="review-next"' in card
    env.client.post("/api/review/lora-is-not-compression-demo", headers=headers, json={"rating": "easy"})
    done = env.client.get("/review/next", headers=headers, follow_redirects=False)
    assert done.headers["location"] == "/review"


def test_a_card_that_comes_back_shows_the_previous_rating_and_answer(env):
    make_user(env, "dora")
    headers = bearer(env.client, "dora")
    assert 'id="qa-previous"' not in env.client.get("/problems/lora-is-not-compression-demo", headers=headers).text
    env.client.post(
        "/api/problems/lora-is-not-compression-demo/qa-attempts",
        headers=headers,
        json={"answer": "The base stays full size; PREVIOUS-ANSWER.", "key_points_hit": [0], "rating": "hard"},
    )
    page = env.client.get("/problems/lora-is-not-compression-demo?from=review", headers=headers).text
    assert 'id="qa-previous"' in page and "<strong>Hard</strong>" in page and "PREVIOUS-ANSWER" in page
