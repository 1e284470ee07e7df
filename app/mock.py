"""Timed mock interviews: pick a session's problems and cards, start it, lock editorials and reveals while it
runs, and finish it (by the learner, or lazily once its time is up) into a report that feeds FSRS.

How items are picked (`pick_items`), ranked within each kind:
1. items due for review (most overdue first), then
2. items in the learner's weakest topics (most Again/Hard ratings and failed submissions), then
3. items the learner has never tried, then
4. everything else published;
with a track, that track's items come first in the same order, topped up from the bank if the track runs short.
Coding problems are then taken so that no two share a difficulty when the ranking allows it.

An item's outcome at the end: a coding problem is accepted, not accepted or not attempted (submissions made
after the end do not count); a card is its rating, "answered" when answered but not rated, or not answered.
Each item feeds FSRS once: an accepted problem was already rated by the rule when it was graded; a problem not
accepted is a review rated Again; a card rated in the session was reviewed then; a card answered but not rated
is a review rated Again.

Finishing is two steps, so a submission made before the end and still being graded then counts like any other.
`finish` ends the mock (its `finished_at`: no more answers, the locks lift, a new mock may start). `settle` then
builds the report, settling every item, only once no submission of the mock made before its end is still queued
or running; until then the report is null and the report page says the last submissions are being graded. The
grade that lands last builds it (`graded`, called where the grading queue stores a grade, in the same
transaction); reading the mock builds it too, should that hand-over ever be missed. So an outcome and its FSRS
review are written once, from final grades, and are never corrected afterwards. Both steps claim their write
with a conditional UPDATE, so two requests (or a request and a grading worker) cannot both settle a mock.

During a running mock the learner's attempts on its items made before it (their code and answers) are locked
(`refuse_earlier_attempt`): "load into editor" and "diff" cannot bring back old code.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app import scheduling
from app.errors import Conflict, NotFound, Unprocessable
from app.grading import ACCEPTED, Kind
from app.models import (
    Attempt,
    AttemptMode,
    AttemptStatus,
    Draft,
    MockItem,
    MockSession,
    Problem,
    Rating,
    ReviewLog,
    ReviewSource,
    ReviewState,
    Track,
    User,
    utcnow,
)

# Session length in minutes -> (coding problems, cards).
PLANS = {30: (1, 3), 45: (2, 3), 60: (2, 5)}
WEAK_RATINGS = (Rating.AGAIN, Rating.HARD)


class Outcome:
    """What became of an item (`MockItem.outcome`); a rated card's outcome is its rating."""

    ACCEPTED = "accepted"
    NOT_ACCEPTED = "not_accepted"
    NOT_ATTEMPTED = "not_attempted"
    ANSWERED = "answered"  # a card answered but not rated: a review rated Again
    NOT_ANSWERED = "not_answered"


# Outcomes whose topics the report lists to review: not accepted, or rated (or counted) Again or Hard.
WEAK_OUTCOMES = (
    Outcome.NOT_ACCEPTED,
    Outcome.NOT_ATTEMPTED,
    Outcome.ANSWERED,
    Outcome.NOT_ANSWERED,
    *(str(r) for r in WEAK_RATINGS),
)


class MockActive(Conflict):
    """The learner already has a mock running: `mock_id` says which."""

    def __init__(self, mock_id: int):
        super().__init__(f"A mock interview is already running: /mock/{mock_id}")
        self.mock_id = mock_id


@dataclass
class ItemContext:
    """What a problem page shows while the problem is an item of the learner's running mock."""

    mock: MockSession
    item: MockItem
    remaining_s: int
    answered: bool  # a card's answer is stored (its reveal is open)
    fresh_start: bool  # the editor starts from the starter: the draft predates this mock


def remaining_seconds(mock: MockSession, now: datetime | None = None) -> int:
    return max(0, int((mock.ends_at - (now or utcnow())).total_seconds()))


def _topic_weakness(session: Session, user: User) -> Counter[str]:
    """Topic -> Again/Hard reviews plus failed submissions: higher is weaker."""
    weak: Counter[str] = Counter()
    rated = session.execute(
        select(Problem.topic)
        .join(ReviewLog, ReviewLog.problem_id == Problem.id)
        .where(ReviewLog.user_id == user.id, ReviewLog.rating.in_([str(r) for r in WEAK_RATINGS]))
    ).scalars()
    weak.update(rated)
    failed = session.execute(
        select(Problem.topic)
        .join(Attempt, Attempt.problem_id == Problem.id)
        .where(
            Attempt.user_id == user.id,
            Attempt.mode == AttemptMode.SUBMIT,
            Attempt.status == AttemptStatus.DONE,
            Attempt.verdict != ACCEPTED,
        )
    ).scalars()
    weak.update(failed)
    return weak


def ranked_candidates(
    *, session: Session, user: User, track: Track | None = None, rng: random.Random | None = None
) -> list[Problem]:
    """Every published problem and card, best first for this learner's mock (the order in the module docstring)."""
    problems = list(session.scalars(select(Problem).where(Problem.is_published.is_(True)).order_by(Problem.id)))
    (rng or random.Random()).shuffle(problems)  # ties break differently from one session to the next
    due = {problem.id: i for i, (problem, _state) in enumerate(scheduling.due_items(session=session, user=user))}
    seen = set(session.scalars(select(Attempt.problem_id).where(Attempt.user_id == user.id)))
    seen |= set(session.scalars(select(ReviewState.problem_id).where(ReviewState.user_id == user.id)))
    weakness = _topic_weakness(session, user)
    in_track = {slug: i for i, slug in enumerate(track.items)} if track is not None else {}

    def rank(problem: Problem) -> tuple:
        if problem.id in due:
            tier, within = 0, due[problem.id]
        elif weakness[problem.topic] > 0:
            tier, within = 1, -weakness[problem.topic]
        elif problem.id not in seen:
            tier, within = 2, 0
        else:
            tier, within = 3, 0
        return (track is not None and problem.slug not in in_track, tier, within, in_track.get(problem.slug, 0))

    return sorted(problems, key=rank)


def pick_items(
    *, session: Session, user: User, minutes: int, track: Track | None = None, rng: random.Random | None = None
) -> list[Problem]:
    """The session's items in order: its coding problems (of different difficulties where possible), then its
    cards. Published only, no duplicates; fewer only when the bank itself runs short."""
    if minutes not in PLANS:
        raise Unprocessable(f"A mock lasts {', '.join(map(str, PLANS))} minutes.")
    coding_count, card_count = PLANS[minutes]
    ranked = ranked_candidates(session=session, user=user, track=track, rng=rng)
    coding = [p for p in ranked if p.kind == Kind.CODE]
    cards = [p for p in ranked if p.kind == Kind.QA]
    chosen: list[Problem] = []
    for _ in range(coding_count):
        fresh = [p for p in coding if p not in chosen and p.difficulty not in {c.difficulty for c in chosen}]
        rest = [p for p in coding if p not in chosen]
        if fresh or rest:
            chosen.append((fresh or rest)[0])
    return chosen + cards[:card_count]


def running(*, session: Session, user: User, now: datetime | None = None) -> MockSession | None:
    """The learner's running mock, after finishing any whose time is up."""
    now = now or utcnow()
    current = None
    unfinished = session.scalars(
        select(MockSession).where(MockSession.user_id == user.id, MockSession.finished_at.is_(None))
    ).all()
    for mock in unfinished:
        if mock.ends_at <= now:
            finish(session=session, mock=mock, now=now)
        else:
            current = mock
    return current


def start(
    *, session: Session, user: User, minutes: int, track_slug: str | None = None, rng: random.Random | None = None
) -> MockSession:
    """Start a mock of `minutes` on the server's clock; MockActive (409) while another one runs."""
    if minutes not in PLANS:
        raise Unprocessable(f"A mock lasts {', '.join(map(str, PLANS))} minutes.")
    track = None
    if track_slug:
        track = session.scalar(select(Track).where(Track.slug == track_slug))
        if track is None:
            raise Unprocessable(f"No track named {track_slug!r}.")
    now = utcnow()
    current = running(session=session, user=user, now=now)
    if current is not None:
        raise MockActive(current.id)
    problems = pick_items(session=session, user=user, minutes=minutes, track=track, rng=rng)
    if not problems:
        raise Unprocessable("There are no published problems or cards to build a mock from yet.")
    mock = MockSession(
        user_id=user.id,
        minutes=minutes,
        track_id=track.id if track else None,
        started_at=now,
        ends_at=now + timedelta(minutes=minutes),
    )
    session.add(mock)
    session.flush()
    for position, problem in enumerate(problems, start=1):
        session.add(MockItem(mock_id=mock.id, position=position, problem_id=problem.id))
    session.flush()
    return mock


def get_mock(*, session: Session, user: User, mock_id: int) -> MockSession:
    """The learner's own mock, finished first if its time is up (and settled if it can be); anyone else's is 404."""
    mock = session.get(MockSession, mock_id)
    if mock is None or mock.user_id != user.id:
        raise NotFound("No such mock interview.")
    if mock.finished_at is None and mock.ends_at <= utcnow():
        finish(session=session, mock=mock)
    return settle(session=session, mock=mock)


def items(*, session: Session, mock: MockSession) -> list[tuple[MockItem, Problem]]:
    rows = session.execute(
        select(MockItem, Problem)
        .join(Problem, Problem.id == MockItem.problem_id)
        .where(MockItem.mock_id == mock.id)
        .order_by(MockItem.position)
    ).all()
    return [(item, problem) for item, problem in rows]


def history(*, session: Session, user: User) -> list[MockSession]:
    """The learner's mocks, newest first (expired ones finished on the way)."""
    running(session=session, user=user)
    mocks = session.scalars(select(MockSession).where(MockSession.user_id == user.id).order_by(MockSession.id.desc()))
    return [settle(session=session, mock=row) for row in mocks]


def _active_item(session: Session, user: User, problem: Problem) -> tuple[MockSession, MockItem] | None:
    mock = running(session=session, user=user)
    if mock is None:
        return None
    item = session.scalar(select(MockItem).where(MockItem.mock_id == mock.id, MockItem.problem_id == problem.id))
    return None if item is None else (mock, item)


def active_mock_id(*, session: Session, user: User, problem: Problem) -> int | None:
    """The running mock `problem` is an item of, for tagging the learner's attempts on it."""
    found = _active_item(session, user, problem)
    return None if found is None else found[0].id


def refuse_earlier_attempt(*, session: Session, user: User, attempt: Attempt) -> None:
    """While `attempt`'s problem is an item of the reader's running mock, attempts on it made before the mock (their
    code, their answers) are locked (409); those made during the mock stay readable. Reads only: it finishes
    nothing, so a caller that never commits loses nothing."""
    now = utcnow()
    current = session.scalar(
        select(MockSession.id)
        .join(MockItem, MockItem.mock_id == MockSession.id)
        .where(
            MockSession.user_id == user.id,
            MockSession.finished_at.is_(None),
            MockSession.ends_at > now,
            MockItem.problem_id == attempt.problem_id,
        )
        .limit(1)
    )
    if current is not None and attempt.mock_id != current:
        raise Conflict("This attempt is locked during your mock interview; it opens again when the mock ends.")


def _card_answer(session: Session, mock_id: int, problem_id: int) -> Attempt | None:
    return session.scalar(
        select(Attempt)
        .where(Attempt.mock_id == mock_id, Attempt.problem_id == problem_id, Attempt.mode == AttemptMode.QA)
        .order_by(Attempt.id)
        .limit(1)
    )


def item_context(*, session: Session, user: User | None, problem: Problem) -> ItemContext | None:
    """The mock context of a problem page, recording when the item was first opened; None outside a mock."""
    if user is None:
        return None
    found = _active_item(session, user, problem)
    if found is None:
        return None
    mock, item = found
    if item.opened_at is None:
        item.opened_at = utcnow()
    draft_at = session.scalar(select(Draft.updated_at).where(Draft.user_id == user.id, Draft.problem_id == problem.id))
    return ItemContext(
        mock=mock,
        item=item,
        remaining_s=remaining_seconds(mock),
        answered=_card_answer(session, mock.id, problem.id) is not None,
        fresh_start=draft_at is None or draft_at < mock.started_at,
    )


def refuse_editorial(*, session: Session, user: User, problem: Problem) -> None:
    """Editorials are locked while the problem is an item of the learner's running mock (409)."""
    if _active_item(session, user, problem) is not None:
        raise Conflict("The editorial is locked during your mock interview.")


def require_answer(*, session: Session, user: User, problem: Problem) -> None:
    """During a mock, a card's model answer opens only once the learner's own answer is stored (409)."""
    found = _active_item(session, user, problem)
    if found is not None and _card_answer(session, found[0].id, problem.id) is None:
        raise Conflict("Answer the card first: during a mock interview the model answer opens after your answer.")


def store_answer(*, session: Session, user: User, mock: MockSession, position: int, answer: str) -> Attempt:
    """Keep the learner's free-text answer to a card of their running mock, before its reveal (once)."""
    if mock.finished_at is not None or mock.ends_at <= utcnow():
        raise Conflict("This mock interview is over.")
    item = session.scalar(select(MockItem).where(MockItem.mock_id == mock.id, MockItem.position == position))
    if item is None:
        raise NotFound("No such item in this mock interview.")
    problem = session.get(Problem, item.problem_id)
    if problem is None or problem.kind != Kind.QA:
        raise Unprocessable("This item is a coding problem; submit code instead.")
    if not answer.strip() or "\x00" in answer:
        raise Unprocessable("Write an answer first (plain text, not empty).")
    attempt = _card_answer(session, mock.id, problem.id)
    if attempt is not None:
        if attempt.answer != answer and attempt.rating is None:
            attempt.answer = answer  # answering again before rating keeps one answer: the last
        return attempt
    attempt = Attempt(
        user_id=user.id,
        problem_id=problem.id,
        mode=AttemptMode.QA,
        status=AttemptStatus.DONE,
        answer=answer,
        key_points_hit=[],
        passed=0,
        total=0,
        finished_at=utcnow(),
        mock_id=mock.id,
        version=problem.version,
    )
    session.add(attempt)
    session.flush()
    return attempt


def unrated_answer(*, session: Session, user: User, problem: Problem) -> Attempt | None:
    """The card's answer stored in the learner's running mock and not yet rated (record_qa completes it)."""
    found = _active_item(session, user, problem)
    if found is None:
        return None
    attempt = _card_answer(session, found[0].id, problem.id)
    return attempt if attempt is not None and attempt.rating is None else None


def _settle_item(
    session: Session, user: User, mock: MockSession, item: MockItem, problem: Problem, end: datetime
) -> dict:
    """Fill in one item's outcome, attempts and time, and give it its one FSRS review where the rules say so."""
    attempts = session.scalars(
        select(Attempt)
        .where(Attempt.mock_id == mock.id, Attempt.problem_id == problem.id, Attempt.created_at <= end)
        .order_by(Attempt.id)
    ).all()
    if problem.kind == Kind.QA:
        answer = next((a for a in attempts if a.mode == AttemptMode.QA), None)
        if answer is None:
            item.outcome = Outcome.NOT_ANSWERED
        elif answer.rating is None:
            item.outcome = Outcome.ANSWERED
            answer.rating = Rating.AGAIN
            scheduling.review(
                session=session, user=user, problem=problem, rating=Rating.AGAIN, source=ReviewSource.CARD, when=end
            )
        else:
            item.outcome = answer.rating
        item.attempts = 0 if answer is None else 1
    else:
        submissions = [a for a in attempts if a.mode == AttemptMode.SUBMIT]
        if any(a.verdict == ACCEPTED for a in submissions):
            item.outcome = Outcome.ACCEPTED
        else:
            item.outcome = Outcome.NOT_ACCEPTED if submissions else Outcome.NOT_ATTEMPTED
            scheduling.review(
                session=session, user=user, problem=problem, rating=Rating.AGAIN, source=ReviewSource.ATTEMPTS, when=end
            )
        item.attempts = len(submissions)
    last = max((a.created_at for a in attempts), default=None)
    item.finished_at = last
    if item.opened_at is not None and last is not None:
        item.seconds = max(0.0, (min(last, end) - item.opened_at).total_seconds())
    return {
        "position": item.position,
        "slug": problem.slug,
        "title": problem.title,
        "title_zh": problem.title_zh,
        "kind": problem.kind,
        "topic": problem.topic,
        "difficulty": problem.difficulty,
        "outcome": item.outcome,
        "attempts": item.attempts,
        "seconds": round(item.seconds, 1),
        "opened": item.opened_at is not None,
        "weak": item.outcome in WEAK_OUTCOMES,
    }


def finish(*, session: Session, mock: MockSession, now: datetime | None = None) -> MockSession:
    """End the mock (at `now`, or at its end when its time is up), then settle it if no grade is awaited; once only."""
    if mock.finished_at is not None:
        return mock
    end = min(now or utcnow(), mock.ends_at)
    # Claim the finish in the database, so two requests finishing at once cannot both end it.
    claimed = session.execute(
        update(MockSession)
        .where(MockSession.id == mock.id, MockSession.finished_at.is_(None))
        .values(finished_at=end)
        .execution_options(synchronize_session=False)
    )
    session.refresh(mock)
    if claimed.rowcount != 1:
        return mock
    return settle(session=session, mock=mock)


def awaiting_grade(*, session: Session, mock: MockSession) -> bool:
    """Whether a submission of the mock made before its end is still queued or running (its report waits)."""
    end = mock.finished_at or mock.ends_at
    waiting = session.scalar(
        select(Attempt.id)
        .where(
            Attempt.mock_id == mock.id,
            Attempt.mode == AttemptMode.SUBMIT,
            Attempt.status != AttemptStatus.DONE,
            Attempt.created_at <= end,
        )
        .limit(1)
    )
    return waiting is not None


def settle(*, session: Session, mock: MockSession) -> MockSession:
    """Build a finished mock's report (outcomes, times, FSRS reviews) once no grade it counts is awaited; once only."""
    if mock.finished_at is None or mock.report is not None or awaiting_grade(session=session, mock=mock):
        return mock
    # Claim the report in the database, so two requests (or a request and a grade landing) cannot both review the
    # items; the placeholder is replaced in this same transaction, so no one else ever reads it.
    claimed = session.execute(
        update(MockSession)
        .where(MockSession.id == mock.id, MockSession.report.is_(None))
        .values(report={})
        .execution_options(synchronize_session=False)
    )
    session.refresh(mock)
    if claimed.rowcount != 1:
        return mock
    end = mock.finished_at
    user = session.get(User, mock.user_id)
    assert user is not None  # a mock is deleted with its user
    rows = [
        _settle_item(session, user, mock, item, problem, end) for item, problem in items(session=session, mock=mock)
    ]
    topics = sorted({row["topic"] for row in rows if row["weak"] and row["topic"]})
    mock.report = {
        "finished_at": end.isoformat(),
        "expired": end >= mock.ends_at,
        "items": rows,
        "topics": topics,
    }
    session.flush()
    return mock


def graded(*, session: Session, attempt: Attempt) -> None:
    """A grade was stored: if it is the last one a finished mock waited for, build that mock's report now."""
    if attempt.mock_id is None:
        return
    mock = session.get(MockSession, attempt.mock_id)
    if mock is not None:
        settle(session=session, mock=mock)
