"""Per-problem analytics for instructors: plain functions over one problem's `Attempt` rows that count learners'
submissions, acceptance, the verdicts, the tests most often failed and the named mistakes most often made.

Only learners count: the problem's author is left out, and a caller may narrow the learners further (`learner_ids`,
e.g. a course's members for a bank problem). Submissions are graded `submit` attempts; a Run only marks when a
learner started working on the problem, for the time until acceptance."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import asdict, dataclass
from datetime import datetime
from statistics import median

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.grading import ACCEPTED
from app.models import Attempt, AttemptMode, AttemptStatus, Problem
from app.practice import public_report

TOP_TESTS = 10  # how many of the most-failed tests, and of the most frequent mistakes, to show
MISTAKE = "mistake"  # grader.diagnosis.DiagnosisKind.MISTAKE as stored in reports


@dataclass(frozen=True)
class ProblemAnalytics:
    """One problem's numbers. Rates are fractions in [0, 1], None when nothing was submitted; medians are None when
    no learner got accepted. Lists of (name, count) come most frequent first."""

    submissions: int
    learners: int
    accepted_learners: int
    accepted_submissions: int
    learner_acceptance_rate: float | None  # learners with an accepted submission / learners who submitted
    submission_acceptance_rate: float | None  # accepted submissions / submissions
    verdicts: list[tuple[str, int]]
    median_submissions_to_accept: float | None  # per accepted learner: submissions up to and including the first AC
    median_seconds_to_accept: float | None  # per accepted learner: first attempt (Run included) to the first AC
    failed_tests: list[tuple[str, int]]  # test name (hidden ones as hidden-N) and the submissions that failed it
    mistakes: list[tuple[str, int]]  # named mistake and the submissions diagnosed with it

    def to_dict(self) -> dict:
        data = asdict(self)
        for key in ("verdicts", "failed_tests", "mistakes"):
            data[key] = [{"name": name, "count": count} for name, count in data[key]]
        return data


def _ranked(counts: Counter, limit: int | None = None) -> list[tuple[str, int]]:
    """Most frequent first; ties by name, so the order never depends on insertion."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def learner_attempts(
    *, session: Session, problem: Problem, learner_ids: Collection[int] | None = None
) -> list[Attempt]:
    """The problem's submit and run attempts by learners (not its author), oldest first."""
    query = select(Attempt).where(
        Attempt.problem_id == problem.id, Attempt.mode.in_([AttemptMode.SUBMIT, AttemptMode.RUN])
    )
    if problem.author_id is not None:
        query = query.where(Attempt.user_id != problem.author_id)
    if learner_ids is not None:
        query = query.where(Attempt.user_id.in_(list(learner_ids)))
    return list(session.scalars(query.order_by(Attempt.created_at, Attempt.id)))


def failed_test_names(report: dict | None) -> list[str]:
    """The tests a stored report failed, named as learners see them (`practice.public_report`: hidden ones as
    hidden-N)."""
    shown = public_report(report) or {}
    return [str(test.get("name", "")) for test in shown.get("tests", []) if test.get("verdict") != ACCEPTED]


def mistake_name(report: dict | None) -> str | None:
    """The named mistake a stored report's diagnosis recognised, if any."""
    diagnosis = (report or {}).get("diagnosis")
    if isinstance(diagnosis, dict) and diagnosis.get("kind") == MISTAKE and diagnosis.get("name"):
        return str(diagnosis["name"])
    return None


def summarise(attempts: list[Attempt]) -> ProblemAnalytics:
    """The numbers for a list of learners' attempts on one problem, oldest first (as `learner_attempts` gives)."""
    submissions = [a for a in attempts if a.mode == AttemptMode.SUBMIT and a.status == AttemptStatus.DONE and a.verdict]
    first_seen: dict[int, datetime] = {}
    for attempt in attempts:
        first_seen.setdefault(attempt.user_id, attempt.created_at)
    verdicts: Counter = Counter()
    failed: Counter = Counter()
    mistakes: Counter = Counter()
    count_until: dict[int, int] = {}  # learner -> submissions so far, frozen at their first acceptance
    accepted_at: dict[int, datetime] = {}
    for submission in submissions:
        verdicts[submission.verdict] += 1
        failed.update(set(failed_test_names(submission.report)))
        if (name := mistake_name(submission.report)) is not None:
            mistakes[name] += 1
        if submission.user_id not in accepted_at:
            count_until[submission.user_id] = count_until.get(submission.user_id, 0) + 1
            if submission.verdict == ACCEPTED:
                accepted_at[submission.user_id] = submission.created_at
    learners = {s.user_id for s in submissions}
    accepted_submissions = verdicts[ACCEPTED]
    return ProblemAnalytics(
        submissions=len(submissions),
        learners=len(learners),
        accepted_learners=len(accepted_at),
        accepted_submissions=accepted_submissions,
        learner_acceptance_rate=_rate(len(accepted_at), len(learners)),
        submission_acceptance_rate=_rate(accepted_submissions, len(submissions)),
        verdicts=_ranked(verdicts),
        median_submissions_to_accept=median([count_until[u] for u in accepted_at]) if accepted_at else None,
        median_seconds_to_accept=(
            median([(at - first_seen[u]).total_seconds() for u, at in accepted_at.items()]) if accepted_at else None
        ),
        failed_tests=_ranked(failed, TOP_TESTS),
        mistakes=_ranked(mistakes, TOP_TESTS),
    )


def problem_analytics(
    *, session: Session, problem: Problem, learner_ids: Collection[int] | None = None
) -> ProblemAnalytics:
    """A problem's analytics over its learners (all but the author, or only `learner_ids` when given)."""
    return summarise(learner_attempts(session=session, problem=problem, learner_ids=learner_ids))
