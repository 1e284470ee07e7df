"""Regrades: grade every submission on a problem (or those of one course's members) again against a published
version, keeping each attempt's earlier version, verdict and report in its `regrade_item`.

Items go through the grading queue's low-priority lane (`GradingQueue.submit_regrade`), which calls
`grade_item`. A regrade rewrites the attempt's result and version only: review schedules and mock sessions keep
what the original grade gave them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

import grader
from app.courses import taught_course
from app.errors import Conflict, NotFound, gettext_noop
from app.grading import SpecError, spec_for
from app.models import (
    Attempt,
    AttemptMode,
    AttemptStatus,
    CourseMember,
    Problem,
    ProblemVersion,
    Regrade,
    RegradeItem,
    User,
    utcnow,
)


def start_regrade(
    *, session: Session, user: User, problem: Problem, course_id: int | None
) -> tuple[Regrade, list[int]]:
    """Store a regrade of the problem's graded submissions (all, or those of members of a course the user teaches)
    against its published version; returns it and its items' ids, to hand to the queue once committed."""
    if not problem.is_published:
        raise Conflict(gettext_noop("Publish the problem before regrading its submissions."))
    running = session.scalar(
        select(Regrade.id).where(Regrade.problem_id == problem.id, Regrade.finished_at.is_(None)).limit(1)
    )
    if running is not None:
        raise Conflict(gettext_noop("A regrade of this problem is still running; wait for it to finish."))
    query = select(Attempt).where(
        Attempt.problem_id == problem.id, Attempt.mode == AttemptMode.SUBMIT, Attempt.status == AttemptStatus.DONE
    )
    if course_id is not None:
        course = taught_course(session=session, user=user, course_id=course_id)
        members = select(CourseMember.user_id).where(CourseMember.course_id == course.id)
        query = query.where(Attempt.user_id.in_(members))
    attempts = list(session.scalars(query.order_by(Attempt.id)))
    now = utcnow()
    regrade = Regrade(
        problem_id=problem.id,
        version=problem.version,
        course_id=course_id,
        requested_by=user.id,
        total=len(attempts),
        created_at=now,
        finished_at=None if attempts else now,
    )
    session.add(regrade)
    session.flush()
    items = [
        RegradeItem(
            regrade_id=regrade.id,
            attempt_id=attempt.id,
            status=AttemptStatus.QUEUED,
            old_version=attempt.version,
            old_verdict=attempt.verdict,
            old_report=attempt.report,
        )
        for attempt in attempts
    ]
    session.add_all(items)
    session.flush()
    return regrade, [item.id for item in items]


def problem_regrade(*, session: Session, problem: Problem, regrade_id: int) -> Regrade:
    regrade = session.get(Regrade, regrade_id)
    if regrade is None or regrade.problem_id != problem.id:
        raise NotFound(gettext_noop("No such regrade."))
    return regrade


def grade_item(
    *, make_session: sessionmaker[Session], item_id: int, grade: Callable[[grader.ProblemSpec, str, str], dict]
) -> None:
    """Grade one regrade item's attempt against the regrade's version and store the new result on the attempt.

    Called by a grading worker; holds no database connection while the sandbox runs."""
    with make_session() as session:
        item = session.get(RegradeItem, item_id)
        if item is None or item.status == AttemptStatus.DONE:
            return
        regrade = session.get(Regrade, item.regrade_id)
        attempt = session.get(Attempt, item.attempt_id)
        problem = session.get(Problem, attempt.problem_id)
        published = session.scalar(
            select(ProblemVersion.files).where(
                ProblemVersion.problem_id == problem.id, ProblemVersion.number == regrade.version
            )
        )
        item.status = AttemptStatus.RUNNING
        session.commit()
        source, mode, slug = attempt.code, attempt.mode, problem.slug
        files = dict(published if published is not None else problem.files)
    try:
        spec = spec_for(slug, files)
    except SpecError as exc:
        report = grader.Report.failure(
            slug, grader.Verdict.INTERNAL_ERROR, "This problem is broken: " + "; ".join(exc.reasons), 0
        ).to_dict()
    else:
        report = grade(spec, source, mode)
    with make_session() as session:
        item = session.get(RegradeItem, item_id)
        if item is None:  # the attempt or the problem was deleted meanwhile
            return
        regrade = session.get(Regrade, item.regrade_id)
        attempt = session.get(Attempt, item.attempt_id)
        attempt.report = report
        attempt.verdict = report.get("verdict")
        attempt.passed = report.get("passed")
        attempt.total = report.get("total")
        attempt.time_ms = report.get("time_ms")
        attempt.version = regrade.version
        item.new_verdict = attempt.verdict
        item.status = AttemptStatus.DONE
        item.finished_at = utcnow()
        session.flush()
        if done_count(session=session, regrade_id=regrade.id) >= regrade.total:
            regrade.finished_at = item.finished_at
        session.commit()


def give_up_item(*, session: Session, item_id: int) -> None:
    """Mark an item that could not be graded again as done with an internal_error verdict of its own; its attempt
    keeps the result it had."""
    item = session.get(RegradeItem, item_id)
    if item is None or item.status == AttemptStatus.DONE:
        return
    item.status, item.new_verdict, item.finished_at = AttemptStatus.DONE, str(grader.Verdict.INTERNAL_ERROR), utcnow()
    session.flush()
    regrade = session.get(Regrade, item.regrade_id)
    if regrade is not None and done_count(session=session, regrade_id=regrade.id) >= regrade.total:
        regrade.finished_at = item.finished_at


def done_count(*, session: Session, regrade_id: int) -> int:
    return session.scalar(
        select(func.count(RegradeItem.id)).where(
            RegradeItem.regrade_id == regrade_id, RegradeItem.status == AttemptStatus.DONE
        )
    )


def unfinished_items(*, session: Session, created_before: datetime | None = None) -> list[int]:
    """Ids of the items still queued or running in unfinished regrades (requested before `created_before`)."""
    query = (
        select(RegradeItem.id)
        .join(Regrade, Regrade.id == RegradeItem.regrade_id)
        .where(
            Regrade.finished_at.is_(None),
            RegradeItem.status.in_([AttemptStatus.QUEUED, AttemptStatus.RUNNING]),
        )
    )
    if created_before is not None:
        query = query.where(Regrade.created_at < created_before)
    return list(session.scalars(query.order_by(RegradeItem.id)))


@dataclass(frozen=True)
class Change:
    """An attempt whose verdict the regrade changed."""

    attempt_id: int
    username: str
    old_verdict: str | None
    new_verdict: str | None

    def to_dict(self) -> dict:
        return {
            "attempt_id": self.attempt_id,
            "username": self.username,
            "old_verdict": self.old_verdict,
            "new_verdict": self.new_verdict,
        }


@dataclass(frozen=True)
class Progress:
    id: int
    version: int
    total: int
    done: int
    changed: list[Change]

    @property
    def finished(self) -> bool:
        return self.done >= self.total

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "version": self.version,
            "total": self.total,
            "done": self.done,
            "finished": self.finished,
            "changed": [change.to_dict() for change in self.changed],
        }


def progress(*, session: Session, regrade: Regrade) -> Progress:
    """How far the regrade is, and the attempts whose verdict it changed (in attempt order)."""
    rows = session.execute(
        select(RegradeItem.attempt_id, User.username, RegradeItem.old_verdict, RegradeItem.new_verdict)
        .join(Attempt, Attempt.id == RegradeItem.attempt_id)
        .join(User, User.id == Attempt.user_id)
        .where(
            RegradeItem.regrade_id == regrade.id,
            RegradeItem.status == AttemptStatus.DONE,
            func.coalesce(RegradeItem.old_verdict, "") != func.coalesce(RegradeItem.new_verdict, ""),
        )
        .order_by(RegradeItem.attempt_id)
    ).all()
    return Progress(
        id=regrade.id,
        version=regrade.version,
        total=regrade.total,
        done=done_count(session=session, regrade_id=regrade.id),
        changed=[Change(*row) for row in rows],
    )


def problem_regrades(*, session: Session, problem: Problem, limit: int = 10) -> list[Regrade]:
    """The problem's latest regrades, newest first."""
    return list(
        session.scalars(
            select(Regrade).where(Regrade.problem_id == problem.id).order_by(Regrade.id.desc()).limit(limit)
        )
    )
