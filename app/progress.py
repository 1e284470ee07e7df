"""A learner's progress, as plain numbers for the progress page: solved out of total by kind and difficulty and by
topic, attempts per day, the current and longest streak of active UTC days, and the latest verdicts.

A day counts towards a streak when the learner made, on that UTC day, at least one accepted submission or rated a
card Good or Easy. The current streak is the run of such days that ends today, or yesterday when today has none yet
(so it is not lost before the day is over)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.grading import ACCEPTED, DIFFICULTIES, TOPICS, Kind
from app.models import Attempt, AttemptMode, Problem, Rating, User

ACTIVE_RATINGS = (Rating.GOOD, Rating.EASY)  # a card rated one of these is an active day's work
RECENT_LIMIT = 20  # verdicts shown in the strip and listed as links


@dataclass(frozen=True)
class Recent:
    """One graded submission for the recent-verdicts strip and its list of links."""

    attempt_id: int
    title: str
    verdict: str
    created_at: datetime


def year_before(day: date) -> date:
    """The same day a year earlier; 29 February falls back to the 28th."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def by_difficulty(problems: Iterable[Problem], marks: dict[int, str]) -> dict[str, list[tuple[str, int, int]]]:
    """For coding problems and for cards apart: (difficulty, solved, total) for every difficulty, easiest first."""
    totals: Counter[tuple[str, str]] = Counter()
    solved: Counter[tuple[str, str]] = Counter()
    for problem in problems:
        totals[problem.kind, problem.difficulty] += 1
        solved[problem.kind, problem.difficulty] += marks.get(problem.id) == "solved"
    return {
        str(kind): [(level, solved[kind, level], totals[kind, level]) for level in DIFFICULTIES]
        for kind in (Kind.CODE, Kind.QA)
    }


def by_topic(problems: Iterable[Problem], marks: dict[int, str]) -> list[tuple[str, int, int]]:
    """(topic, solved, total) for every topic of the bank in its order, even one with nothing yet, then any other
    topic an instructor's problem names, alphabetically."""
    totals: Counter[str] = Counter()
    solved: Counter[str] = Counter()
    for problem in problems:
        totals[problem.topic] += 1
        solved[problem.topic] += marks.get(problem.id) == "solved"
    others = sorted(topic for topic in totals if topic not in TOPICS)
    return [(topic, solved[topic], totals[topic]) for topic in (*TOPICS, *others)]


def attempts_per_day(*, session: Session, user: User, since: date) -> Counter[date]:
    """How many attempts (of any kind) the learner made on each UTC day from `since`."""
    start = datetime.combine(since, datetime.min.time())
    return Counter(
        created.date()
        for created in session.scalars(
            select(Attempt.created_at).where(Attempt.user_id == user.id, Attempt.created_at >= start)
        )
    )


def active_days(*, session: Session, user: User) -> set[date]:
    """The UTC days with an accepted submission (the day it was submitted) or a card rated Good or Easy (the day it
    was rated)."""
    moments = session.scalars(
        select(Attempt.created_at).where(
            Attempt.user_id == user.id,
            Attempt.mode == AttemptMode.SUBMIT,
            Attempt.verdict == ACCEPTED,
        )
    ).all()
    rated = session.scalars(
        select(func.coalesce(Attempt.finished_at, Attempt.created_at)).where(
            Attempt.user_id == user.id,
            Attempt.mode == AttemptMode.QA,
            or_(*(Attempt.rating == rating for rating in ACTIVE_RATINGS)),
        )
    ).all()
    return {moment.date() for moment in (*moments, *rated)}


def streaks(days: set[date], today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive days in `days`; the current one ends today or yesterday, else is 0."""
    longest = run = 0
    previous: date | None = None
    for day in sorted(day for day in days if day <= today):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest, previous = max(longest, run), day
    current = 0
    day = today if today in days else today - timedelta(days=1)
    while day in days:
        current, day = current + 1, day - timedelta(days=1)
    return current, longest


def recent_verdicts(*, session: Session, user: User, language: str, limit: int = RECENT_LIMIT) -> list[Recent]:
    """The learner's latest graded submissions, newest first, titled in `language` where the problem has one."""
    rows = session.execute(
        select(Attempt.id, Problem.title, Problem.title_zh, Attempt.verdict, Attempt.created_at)
        .join(Problem, Attempt.problem_id == Problem.id)
        .where(Attempt.user_id == user.id, Attempt.mode == AttemptMode.SUBMIT, Attempt.verdict.is_not(None))
        .order_by(Attempt.id.desc())
        .limit(limit)
    ).all()
    return [
        Recent(attempt_id, title_zh if language == "zh" and title_zh else title, verdict, created)
        for attempt_id, title, title_zh, verdict, created in rows
    ]


def verdict_counts(recent: Sequence[Recent]) -> list[tuple[str, int]]:
    """The legend: each verdict among `recent` with how often it occurs, in order of first appearance."""
    return list(Counter(item.verdict for item in recent).items())
