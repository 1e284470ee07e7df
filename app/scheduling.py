"""Spaced repetition: FSRS (the `fsrs` package) schedules every card and coding problem a learner has met.

Cards take the learner's own rating. Coding problems are rated from their attempts by one rule
(`problem_rating`), and the learner may override that rating after an accepted submission. Each review
updates the item's `ReviewState` through the library's scheduler and appends a `ReviewLog` row.

The rule for coding problems, counted over the submissions since the problem's last review:
- the editorial was opened before an accepted submission: Again (recorded when it is opened);
- accepted on the first submission: Good, or Easy when the time from the learner's first attempt (a Run
  counts) to that acceptance is under a third of the median of the same time for other learners (when at
  least 3 others have solved it);
- accepted after wrong submissions, or with a progressive hint opened first: Hard.

What to do today (`/review`): the due items, most overdue first, then new items from the learner's followed
track in track order, at most `User.daily_new_limit` first meetings a UTC day (`new_items`); a 7-day forecast of
due reviews (`forecast`) and the nav's count (`due_count`).
"""

from __future__ import annotations

import statistics
from datetime import UTC, datetime, timedelta

import fsrs
from sqlalchemy import and_, case, exists, func, select
from sqlalchemy.orm import Session

from app.models import (
    Attempt,
    AttemptMode,
    EditorialUnlock,
    HintOpen,
    Problem,
    Rating,
    ReviewLog,
    ReviewSource,
    ReviewState,
    Track,
    User,
    utcnow,
)

FSRS_RATINGS = {
    Rating.AGAIN: fsrs.Rating.Again,
    Rating.HARD: fsrs.Rating.Hard,
    Rating.GOOD: fsrs.Rating.Good,
    Rating.EASY: fsrs.Rating.Easy,
}
EASY_FRACTION = 1 / 3
EASY_MIN_PEERS = 3
# The learner's review settings: bounds shared by the API schemas and the /review form.
RETENTION_MIN, RETENTION_MAX = 0.70, 0.99
NEW_LIMIT_MIN, NEW_LIMIT_MAX = 0, 100


def _aware(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.replace(tzinfo=UTC)


def _naive(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.astimezone(UTC).replace(tzinfo=None)


def scheduler(user: User) -> fsrs.Scheduler:
    """The learner's scheduler: FSRS-6 defaults with their target retention, no fuzzing (due dates reproducible)."""
    return fsrs.Scheduler(desired_retention=user.target_retention, enable_fuzzing=False)


def _replayed(user: User, logs: list[ReviewLog]) -> fsrs.Card:
    card, sched = fsrs.Card(), scheduler(user)
    for log in logs:
        card, _ = sched.review_card(card, FSRS_RATINGS[Rating(log.rating)], review_datetime=_aware(log.reviewed_at))
    return card


def _store(row: ReviewState, card: fsrs.Card) -> None:
    row.state, row.step, row.stability, row.difficulty = int(card.state), card.step, card.stability, card.difficulty
    row.due, row.last_review = _naive(card.due), _naive(card.last_review)


def override(*, session: Session, user: User, problem: Problem, rating: Rating) -> ReviewState | None:
    """Replace the rating the rule gave the learner's latest review of `problem` with their own, replaying
    the review log through FSRS; None when the latest review was not a rule-given rating after acceptance."""
    logs = session.scalars(
        select(ReviewLog)
        .where(ReviewLog.user_id == user.id, ReviewLog.problem_id == problem.id)
        .order_by(ReviewLog.reviewed_at, ReviewLog.id)
    ).all()
    if not logs or logs[-1].source not in (ReviewSource.ATTEMPTS, ReviewSource.OVERRIDE):
        return None
    logs[-1].rating, logs[-1].source = str(rating), ReviewSource.OVERRIDE
    row = session.scalar(
        select(ReviewState).where(ReviewState.user_id == user.id, ReviewState.problem_id == problem.id)
    )
    assert row is not None  # a review log implies a state
    _store(row, _replayed(user, list(logs)))
    session.flush()
    return row


def rerate_card(
    *, session: Session, user: User, problem: Problem, rating: Rating, reviewed_at: datetime
) -> ReviewState | None:
    """Replace the rating of the learner's review of card `problem` made at `reviewed_at` (a second rating of the
    same reveal), replaying the review log through FSRS; None when a later review came after it."""
    logs = session.scalars(
        select(ReviewLog)
        .where(ReviewLog.user_id == user.id, ReviewLog.problem_id == problem.id)
        .order_by(ReviewLog.reviewed_at, ReviewLog.id)
    ).all()
    if not logs or logs[-1].source != ReviewSource.CARD or logs[-1].reviewed_at != reviewed_at:
        return None
    logs[-1].rating = str(rating)
    row = session.scalar(
        select(ReviewState).where(ReviewState.user_id == user.id, ReviewState.problem_id == problem.id)
    )
    assert row is not None  # a review log implies a state
    _store(row, _replayed(user, list(logs)))
    session.flush()
    return row


def review(
    *,
    session: Session,
    user: User,
    problem: Problem,
    rating: Rating,
    source: ReviewSource,
    when: datetime | None = None,
) -> ReviewState:
    """Apply one review to the learner's state for `problem`; the caller's transaction commits it."""
    when = when or utcnow()
    row = session.scalar(
        select(ReviewState).where(ReviewState.user_id == user.id, ReviewState.problem_id == problem.id)
    )
    card = (
        fsrs.Card()
        if row is None
        else fsrs.Card(
            state=fsrs.State(row.state),
            step=row.step,
            stability=row.stability,
            difficulty=row.difficulty,
            due=_aware(row.due),
            last_review=_aware(row.last_review),
        )
    )
    card, _ = scheduler(user).review_card(card, FSRS_RATINGS[Rating(rating)], review_datetime=_aware(when))
    if row is None:
        row = ReviewState(user_id=user.id, problem_id=problem.id)
        session.add(row)
    _store(row, card)
    session.add(ReviewLog(user_id=user.id, problem_id=problem.id, rating=str(rating), source=source, reviewed_at=when))
    session.flush()
    return row


def _last_review(session: Session, user_id: int, problem_id: int) -> datetime | None:
    return session.scalar(
        select(func.max(ReviewLog.reviewed_at)).where(ReviewLog.user_id == user_id, ReviewLog.problem_id == problem_id)
    )


def _median_solve_seconds(session: Session, problem_id: int, exclude_user: int) -> float | None:
    """Median over other learners of the time from their first attempt (Run or Submit) to their first
    accepted submission."""
    # One row per learner, computed by the database: the cost grows with the learners, not with their attempts
    # (this runs on every accepted grade's write).
    accepted = and_(Attempt.mode == AttemptMode.SUBMIT, Attempt.verdict == "accepted")
    rows = session.execute(
        select(func.min(Attempt.created_at), func.min(case((accepted, Attempt.created_at))))
        .where(Attempt.problem_id == problem_id, Attempt.mode != AttemptMode.QA, Attempt.user_id != exclude_user)
        .group_by(Attempt.user_id)
    ).all()
    solved = [(first_ok - first).total_seconds() for first, first_ok in rows if first_ok is not None]
    return statistics.median(solved) if len(solved) >= EASY_MIN_PEERS else None


def problem_rating(*, session: Session, attempt: Attempt) -> Rating | None:
    """The rating an accepted submission earns by the rule in this module's docstring; None when the
    attempt is not an accepted submission, or the editorial was opened first (already rated Again)."""
    if attempt.mode != AttemptMode.SUBMIT or attempt.verdict != "accepted":
        return None
    since = _last_review(session, attempt.user_id, attempt.problem_id)
    if since is not None and attempt.created_at <= since:
        return None  # submitted before the latest review (queued while another was graded): already counted
    earlier = select(Attempt).where(
        Attempt.user_id == attempt.user_id,
        Attempt.problem_id == attempt.problem_id,
        Attempt.mode != AttemptMode.QA,
        Attempt.id <= attempt.id,
    )
    if since is not None:
        earlier = earlier.where(Attempt.created_at > since)
    tries = session.scalars(earlier.order_by(Attempt.id)).all()  # Runs too: the first one starts the clock
    attempts = [a for a in tries if a.mode == AttemptMode.SUBMIT]
    if any(a.verdict == "accepted" for a in attempts[:-1]):
        return None  # already accepted (and rated) in this review cycle
    unlocked = session.scalar(
        select(EditorialUnlock.created_at).where(
            EditorialUnlock.user_id == attempt.user_id, EditorialUnlock.problem_id == attempt.problem_id
        )
    )
    if unlocked is not None and (since is None or unlocked > since) and unlocked <= attempt.created_at:
        return None
    hinted = select(HintOpen.id).where(
        HintOpen.user_id == attempt.user_id,
        HintOpen.problem_id == attempt.problem_id,
        HintOpen.created_at <= attempt.created_at,
    )
    if since is not None:
        hinted = hinted.where(HintOpen.created_at > since)
    if len(attempts) > 1 or session.scalar(hinted.limit(1)) is not None:
        return Rating.HARD
    median = _median_solve_seconds(session, attempt.problem_id, attempt.user_id)
    taken = (attempt.created_at - tries[0].created_at).total_seconds()
    return Rating.EASY if median is not None and taken < EASY_FRACTION * median else Rating.GOOD


def due_items(*, session: Session, user: User, now: datetime | None = None) -> list[tuple[Problem, ReviewState]]:
    """What is due for the learner now, cards and problems mixed, the most overdue first."""
    now = now or utcnow()
    rows = session.execute(
        select(Problem, ReviewState)
        .join(ReviewState, ReviewState.problem_id == Problem.id)
        .where(ReviewState.user_id == user.id, ReviewState.due <= now, Problem.is_published.is_(True))
        .order_by(ReviewState.due, Problem.id)
    ).all()
    return [(problem, state) for problem, state in rows]


def day_start(now: datetime) -> datetime:
    """Midnight UTC of `now`'s day: the boundary of the daily limit on new items and of the forecast's days."""
    return datetime.combine(now.date(), datetime.min.time())


def _met_today(user: User, now: datetime):
    """How many items the learner met for the first time on `now`'s UTC day (their first review log row)."""
    start = day_start(now)
    first = (
        select(func.min(ReviewLog.reviewed_at).label("first_at"))
        .where(ReviewLog.user_id == user.id)
        .group_by(ReviewLog.problem_id)
        .subquery()
    )
    return (
        select(func.count())
        .select_from(first)
        .where(first.c.first_at >= start, first.c.first_at < start + timedelta(days=1))
        .scalar_subquery()
    )


def _unreviewed(user: User):
    return ~exists().where(ReviewState.user_id == user.id, ReviewState.problem_id == Problem.id)


def _due_filter(user: User, before: datetime):
    return ReviewState.user_id == user.id, ReviewState.due <= before, Problem.is_published.is_(True)


def _track_slugs(items: object) -> list[str]:
    return [slug for slug in items if isinstance(slug, str)] if isinstance(items, list) else []


def _new_filter(user: User, slugs: list[str]):
    return Problem.slug.in_(slugs), Problem.is_published.is_(True), _unreviewed(user)


def new_items(*, session: Session, user: User, now: datetime | None = None) -> list[Problem]:
    """New items for today from the learner's followed track, in track order: published items never reviewed,
    at most `daily_new_limit` less the items first met today (UTC day)."""
    now = now or utcnow()
    if user.track_id is None or user.daily_new_limit <= 0:
        return []
    row = session.execute(select(Track.items, _met_today(user, now)).where(Track.id == user.track_id)).one_or_none()
    if row is None:
        return []
    slugs, budget = _track_slugs(row[0]), user.daily_new_limit - row[1]
    if budget <= 0 or not slugs:
        return []
    problems = session.scalars(select(Problem).where(*_new_filter(user, slugs))).all()
    order = {slug: i for i, slug in reversed(list(enumerate(slugs)))}  # a slug listed twice keeps its first place
    return sorted(problems, key=lambda p: order[p.slug])[:budget]


def forecast(*, session: Session, user: User, now: datetime | None = None, days: int = 7) -> list[int]:
    """How many reviews fall due on each of the next `days` UTC days, today first (today includes the overdue)."""
    now = now or utcnow()
    start = day_start(now)
    dues = session.scalars(
        select(ReviewState.due)
        .join(Problem, ReviewState.problem_id == Problem.id)
        .where(ReviewState.user_id == user.id, ReviewState.due < start + timedelta(days=days))
        .where(Problem.is_published.is_(True))
    ).all()
    counts = [0] * days
    for due in dues:
        counts[max(0, (due - start).days)] += 1
    return counts


def due_count(*, session: Session, user: User, now: datetime | None = None) -> int:
    """What the nav shows: items due now plus new items still available today. One query, and a second only
    for a learner who follows a track and has new items left today (the track's items are a JSON list)."""
    now = now or utcnow()
    due = (
        select(func.count())
        .select_from(ReviewState)
        .join(Problem, ReviewState.problem_id == Problem.id)
        .where(*_due_filter(user, now))
        .scalar_subquery()
    )
    if user.track_id is None or user.daily_new_limit <= 0:
        return session.scalar(select(due)) or 0
    track = select(Track.items).where(Track.id == user.track_id).scalar_subquery()
    count, met, items = session.execute(select(due, _met_today(user, now), track)).one()
    slugs, budget = _track_slugs(items), user.daily_new_limit - met
    if budget <= 0 or not slugs:
        return count
    available = session.scalar(select(func.count()).select_from(Problem).where(*_new_filter(user, slugs))) or 0
    return count + min(budget, available)
