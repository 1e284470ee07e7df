"""What a learner does with the bank: find problems (filter, search, sort, page, a random unsolved one, the next one),
submit code, run it on their own input, read their attempts, drafts, editorials."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import case, event, func, or_, select
from sqlalchemy.orm import Session

from app import courses, hints, mock, scheduling
from app.db import after_commit, storable
from app.errors import Conflict, NotFound, PayloadTooLarge, RateLimited, Unprocessable
from app.grading import ACCEPTED, DIFFICULTIES, GradingQueue, Kind, problem_spec, redact_test
from app.models import (
    Attempt,
    AttemptMode,
    AttemptStatus,
    Draft,
    EditorialUnlock,
    Problem,
    Rating,
    ReviewSource,
    User,
    utcnow,
)
from app.ratelimit import RateLimiter
from app.rendering import render_inline, render_markdown

if TYPE_CHECKING:
    from grader import ProblemSpec


def visible_filter(user: User | None):
    """Learners see published problems; an instructor also sees their own drafts."""
    if user is not None and user.is_instructor:
        return or_(Problem.is_published.is_(True), Problem.author_id == user.id)
    return Problem.is_published.is_(True)


def get_problem(*, session: Session, slug: str, user: User | None) -> Problem:
    problem = None
    if storable(slug):
        problem = session.scalar(select(Problem).where(Problem.slug == slug, visible_filter(user)))
    if problem is None:
        raise NotFound(f"No problem named {slug!r}.")
    return problem


def statuses(*, session: Session, user: User | None) -> dict[int, str]:
    """problem id -> "solved" | "attempted" for the user's attempts."""
    if user is None:
        return {}
    rows = session.execute(
        select(Attempt.problem_id, func.max(case((Attempt.verdict == "accepted", 1), else_=0)), func.count())
        .where(Attempt.user_id == user.id, Attempt.mode != AttemptMode.RUN)
        .group_by(Attempt.problem_id)
    ).all()
    out = {}
    for problem_id, any_accepted, _count in rows:
        out[problem_id] = "solved" if any_accepted else "attempted"
    qa_rows = session.execute(
        select(Attempt.problem_id, Attempt.rating).where(Attempt.user_id == user.id, Attempt.mode == AttemptMode.QA)
    ).all()
    for problem_id, rating in qa_rows:
        if rating in (Rating.GOOD, Rating.EASY):
            out[problem_id] = "solved"
    return out


class ProblemSort(StrEnum):
    """The problem list's sort keys (the API's and the page's `sort`)."""

    DEFAULT = "default"  # coding problems first, then by difficulty and title
    TITLE = "title"
    DIFFICULTY = "difficulty"
    TOPIC = "topic"
    ACCEPTANCE = "acceptance"  # accepted submissions / submissions; cards: share rated good or easy
    RECENT = "recent"  # your latest attempt first


DESCENDING_BY_DEFAULT = {ProblemSort.ACCEPTANCE, ProblemSort.RECENT}
PAGE_SIZE = 50  # rows per page of the list page


@dataclass
class ProblemList:
    """One page of the filtered, sorted list, with what its rows show."""

    problems: list[Problem]  # the requested slice
    total: int  # every match, across pages
    marks: dict[int, str] = field(default_factory=dict)  # problem id -> "solved" | "attempted"
    acceptance: dict[int, tuple[int, int]] = field(default_factory=dict)  # problem id -> (accepted, counted)


def acceptance_counts(*, session: Session) -> dict[int, tuple[int, int]]:
    """problem id -> (accepted, counted) across learners: graded submissions and accepted ones for coding problems,
    rated card answers and those rated good or easy for cards."""
    code = session.execute(
        select(Attempt.problem_id, func.sum(case((Attempt.verdict == ACCEPTED, 1), else_=0)), func.count())
        .where(Attempt.mode == AttemptMode.SUBMIT, Attempt.status == AttemptStatus.DONE)
        .group_by(Attempt.problem_id)
    ).all()
    cards = session.execute(
        select(
            Attempt.problem_id,
            func.sum(case((Attempt.rating.in_([Rating.GOOD, Rating.EASY]), 1), else_=0)),
            func.count(),
        )
        .where(Attempt.mode == AttemptMode.QA, Attempt.rating.is_not(None))
        .group_by(Attempt.problem_id)
    ).all()
    out: dict[int, tuple[int, int]] = {}
    for problem_id, accepted, counted in [*code, *cards]:
        before = out.get(problem_id, (0, 0))
        out[problem_id] = (before[0] + int(accepted or 0), before[1] + int(counted))
    return out


def last_attempted(*, session: Session, user: User | None) -> dict[int, datetime]:
    """problem id -> when the user last submitted code or answered the card."""
    if user is None:
        return {}
    rows = session.execute(
        select(Attempt.problem_id, func.max(Attempt.created_at))
        .where(Attempt.user_id == user.id, Attempt.mode != AttemptMode.RUN)
        .group_by(Attempt.problem_id)
    ).all()
    return dict(rows)


def default_order(problem: Problem) -> tuple:
    """Coding problems before cards, easy before hard, then by title."""
    rank = {difficulty: i for i, difficulty in enumerate(DIFFICULTIES)}
    return (problem.kind != Kind.CODE, rank.get(problem.difficulty, len(rank)), problem.title.lower(), problem.slug)


def matches_search(problem: Problem, term: str) -> bool:
    """Case-insensitive substring of the title (either language), slug, topic or a tag."""
    fields = [problem.title, problem.title_zh, problem.slug, problem.topic, *map(str, problem.tags or [])]
    return any(term in text.casefold() for text in fields if text)


def sort_problems(
    problems: list[Problem],
    *,
    sort: ProblemSort,
    descending: bool,
    acceptance: dict[int, tuple[int, int]],
    recent: dict[int, datetime],
    language: str = "en",
) -> list[Problem]:
    """Sorted by `sort`, ties in the default order; rows without a value (never submitted, never attempted) go last
    in either direction. Titles sort in the language they are shown in (Chinese ones in code-point order, which is
    the radical-and-stroke order of CJK dictionaries)."""
    rows = sorted(problems, key=default_order)
    rank = {difficulty: i for i, difficulty in enumerate(DIFFICULTIES)}
    keys = {
        ProblemSort.DEFAULT: lambda p: 0,
        ProblemSort.TITLE: lambda p: ((p.title_zh or p.title) if language == "zh" else p.title).casefold(),
        ProblemSort.DIFFICULTY: lambda p: rank.get(p.difficulty, len(rank)),
        ProblemSort.TOPIC: lambda p: p.topic,
        ProblemSort.ACCEPTANCE: lambda p: acceptance[p.id][0] / acceptance[p.id][1] if acceptance.get(p.id) else None,
        ProblemSort.RECENT: lambda p: recent.get(p.id),
    }
    key = keys[sort]
    if sort == ProblemSort.DEFAULT:
        return rows[::-1] if descending else rows
    known = [p for p in rows if key(p) is not None]
    missing = [p for p in rows if key(p) is None]
    return sorted(known, key=key, reverse=descending) + missing  # sorted() stays stable when reversed


def matching_problems(
    *,
    session: Session,
    user: User | None,
    kind: str = "",
    topic: str = "",
    difficulty: str = "",
    status: str = "",
    q: str = "",
) -> tuple[list[Problem], dict[int, str]]:
    """Every visible problem the filters match, in the default order, and the user's marks.

    Kind, topic and difficulty filter in SQL; the search runs in Python over titles, slug, topic and the JSON tags,
    the same on SQLite and PostgreSQL."""
    marks = statuses(session=session, user=user)
    if not storable(kind, topic, difficulty, q):
        return [], marks
    query = select(Problem).where(visible_filter(user))
    if kind:
        query = query.where(Problem.kind == kind)
    if topic:
        query = query.where(Problem.topic == topic)
    if difficulty:
        query = query.where(Problem.difficulty == difficulty)
    problems = sorted(session.scalars(query).all(), key=default_order)
    term = q.strip().casefold()
    if term:
        problems = [p for p in problems if matches_search(p, term)]
    if status:
        problems = [p for p in problems if marks.get(p.id, "new") == status]
    return problems, marks


def list_problems(
    *,
    session: Session,
    user: User | None,
    kind: str = "",
    topic: str = "",
    difficulty: str = "",
    status: str = "",
    q: str = "",
    sort: ProblemSort = ProblemSort.DEFAULT,
    order: str = "",
    offset: int = 0,
    limit: int | None = None,
    language: str = "en",
) -> ProblemList:
    """The filtered list sorted by `sort` (`order` "asc" or "desc"; empty: the key's natural direction), sliced to
    `offset` and `limit`, with its total and each row's mark and acceptance counts."""
    problems, marks = matching_problems(
        session=session, user=user, kind=kind, topic=topic, difficulty=difficulty, status=status, q=q
    )
    sort = ProblemSort(sort)
    descending = order == "desc" or (order != "asc" and sort in DESCENDING_BY_DEFAULT)
    acceptance = acceptance_counts(session=session)
    recent = last_attempted(session=session, user=user) if sort == ProblemSort.RECENT else {}
    rows = sort_problems(
        problems, sort=sort, descending=descending, acceptance=acceptance, recent=recent, language=language
    )
    end = None if limit is None else offset + limit
    return ProblemList(problems=rows[offset:end], total=len(rows), marks=marks, acceptance=acceptance)


def random_unsolved(*, session: Session, user: User | None, **filters: str) -> Problem | None:
    """A random visible problem the filters match that the user has not solved, or None."""
    problems, marks = matching_problems(session=session, user=user, **filters)
    unsolved = [p for p in problems if marks.get(p.id) != "solved"]
    return random.choice(unsolved) if unsolved else None


def next_problem(*, session: Session, user: User | None, problem: Problem) -> Problem | None:
    """The problem after this one in the list's default order, or None for the last."""
    problems, _marks = matching_problems(session=session, user=user)
    slugs = [p.slug for p in problems]
    if problem.slug not in slugs or slugs.index(problem.slug) + 1 == len(slugs):
        return None
    return problems[slugs.index(problem.slug) + 1]


def check_code(code: str, max_bytes: int) -> str:
    try:
        size = len(code.encode("utf-8"))
    except UnicodeEncodeError:
        raise Unprocessable("Code must be valid UTF-8 text.") from None
    if size > max_bytes:
        raise PayloadTooLarge(f"Code is {size} bytes; the limit is {max_bytes // 1024} KiB.")
    if "\x00" in code:
        raise Unprocessable("Code must not contain NUL characters.")
    return code


def create_submission(
    *, session: Session, queue: GradingQueue, limiter: RateLimiter, user: User, problem: Problem, code: str, mode: str
) -> Attempt:
    """Store the attempt as queued; it goes to the grading queue once the transaction commits.

    Refusals come first and store nothing: a Q&A card is 422 (and costs no rate-limit hit), a full queue
    for this user or too many submissions is 429 with Retry-After."""
    if problem.kind != Kind.CODE:
        raise Unprocessable("This is a Q&A card; answer it instead of submitting code.")
    queue.reserve(user.id, session=session)
    held = [True]

    def give_back(*_args) -> None:
        if held[0]:
            held[0] = False
            queue.release(user.id)

    def hand_over() -> None:
        held[0] = False
        queue.submit(attempt_id, user_id, reserved=True)

    try:
        limiter.hit(user.id, session=session)
    except RateLimited:
        give_back()
        raise
    event.listen(session, "after_soft_rollback", give_back)  # the attempt was never stored: free its place
    attempt = Attempt(
        user_id=user.id,
        problem_id=problem.id,
        mode=mode,
        code=code,
        status=AttemptStatus.QUEUED,
        mock_id=mock.active_mock_id(session=session, user=user, problem=problem),
        hints_used=hints.opened_count(session=session, user=user, problem=problem),
        version=problem.version,
    )
    session.add(attempt)
    save_draft(session=session, user=user, problem=problem, code=code)
    session.flush()
    attempt_id, user_id = attempt.id, user.id
    after_commit(session, hand_over)
    return attempt


def code_spec(problem: Problem) -> ProblemSpec:
    """A coding problem's spec; a Q&A card is 422 (it has no code to run)."""
    if problem.kind != Kind.CODE:
        raise Unprocessable("This is a Q&A card; answer it instead of running code.")
    return problem_spec(problem)


@contextmanager
def custom_run_place(*, queue: GradingQueue, limiter: RateLimiter, user_id: int) -> Iterator[None]:
    """Hold a place for a custom run under the submissions' rules: it takes one of the user's places in the
    grading queue while it runs and counts as a submission for the rate limit (429 with Retry-After)."""
    queue.reserve(user_id)
    try:
        limiter.hit(user_id)
        yield
    finally:
        queue.release(user_id)


def save_draft(*, session: Session, user: User, problem: Problem, code: str) -> None:
    draft = session.scalar(select(Draft).where(Draft.user_id == user.id, Draft.problem_id == problem.id))
    if draft is None:
        session.add(Draft(user_id=user.id, problem_id=problem.id, code=code))
    elif draft.code != code:
        draft.code = code


def get_draft(*, session: Session, user: User | None, problem: Problem) -> str | None:
    if user is None:
        return None
    return session.scalar(select(Draft.code).where(Draft.user_id == user.id, Draft.problem_id == problem.id))


def readable_attempt(*, session: Session, user: User, attempt_id: int) -> tuple[Attempt, Problem]:
    """An attempt the user may read: their own, one on a problem they author, or a member's on an item of a course
    they teach. Anything else is 404; one from before a running mock it is an item of is 409."""
    row = session.execute(
        select(Attempt, Problem).join(Problem, Attempt.problem_id == Problem.id).where(Attempt.id == attempt_id)
    ).first()
    if row is None:
        raise NotFound("No such submission.")
    attempt, problem = row
    if (
        attempt.user_id != user.id
        and not (user.is_instructor and problem.author_id == user.id)
        and not courses.may_read_attempt(session=session, user=user, attempt=attempt)
    ):
        raise NotFound("No such submission.")
    mock.refuse_earlier_attempt(session=session, user=user, attempt=attempt)  # 409 for old code during a mock
    return attempt, problem


def history(*, session: Session, user: User, problem: Problem | None = None, limit: int = 50) -> list[Attempt]:
    query = select(Attempt).where(Attempt.user_id == user.id)
    if problem is not None:
        query = query.where(Attempt.problem_id == problem.id)
    return list(session.scalars(query.order_by(Attempt.id.desc()).limit(limit)))


def editorial_unlocked(*, session: Session, user: User | None, problem: Problem) -> str | None:
    """Why the editorial is open for this user ("accepted" or "shown"), or None."""
    if user is None:
        return None
    if session.scalar(
        select(Attempt.id)
        .where(
            Attempt.user_id == user.id,
            Attempt.problem_id == problem.id,
            Attempt.mode == AttemptMode.SUBMIT,
            Attempt.verdict == ACCEPTED,
        )
        .limit(1)
    ):
        return "accepted"
    return session.scalar(
        select(EditorialUnlock.reason).where(
            EditorialUnlock.user_id == user.id, EditorialUnlock.problem_id == problem.id
        )
    )


def unlock_editorial(*, session: Session, user: User, problem: Problem) -> None:
    """Record a "show me"; opened before any accepted submission, it is a review rated Again."""
    if editorial_unlocked(session=session, user=user, problem=problem) is None:
        session.add(EditorialUnlock(user_id=user.id, problem_id=problem.id, reason="shown"))
        scheduling.review(
            session=session, user=user, problem=problem, rating=Rating.AGAIN, source=ReviewSource.ATTEMPTS
        )


def _diagnosis_html(diagnosis: dict | None) -> dict | None:
    """A diagnosis with its messages also rendered (Markdown and math, sanitised) for the page: `message_html`
    and `message_zh_html` beside the grader's plain fields."""
    if not isinstance(diagnosis, dict):
        return None
    return dict(
        diagnosis,
        message_html=render_markdown(str(diagnosis.get("message", ""))),
        message_zh_html=render_markdown(str(diagnosis.get("message_zh", ""))),
    )


def public_report(report: dict | None) -> dict | None:
    """A stored report as a learner may see it: each hidden test's entry rebuilt from its verdict alone, so
    reports stored by an older grader (with times or messages on hidden tests) reveal no more than new ones; a
    diagnosis (from visible samples only) also comes rendered as HTML."""
    if report is None:
        return None
    numbers = iter(range(1, 1 + len(report.get("tests", []))))
    tests = []
    for test in report.get("tests", []):
        if test.get("hidden"):
            tests.append(redact_test(test, next(numbers)))
        else:
            shown = dict(test)
            if shown.get("diagnosis") is not None:
                shown["diagnosis"] = _diagnosis_html(shown["diagnosis"])
            tests.append(shown)
    return dict(report, tests=tests, diagnosis=_diagnosis_html(report.get("diagnosis")))


def reveal_card(*, session: Session, user: User, problem: Problem, lang: str) -> dict:
    """A Q&A card's model answer (Markdown and sanitised HTML), key points and common wrong answers in `lang`."""
    if problem.kind != Kind.QA:
        raise NotFound("Only Q&A cards have a model answer to reveal.")
    mock.require_answer(session=session, user=user, problem=problem)
    spec = problem_spec(problem)
    zh = lang == "zh"
    # An instructor's card may be in one language only: the other is the fallback either way.
    answer = (spec.text("answer.zh.md") if zh else "") or spec.text("answer.md") or spec.text("answer.zh.md")
    key_points = list((spec.key_points_zh if zh else ()) or spec.key_points or spec.key_points_zh)
    wrong_answers = list((spec.wrong_answers_zh if zh else ()) or spec.wrong_answers or spec.wrong_answers_zh)
    return {
        "answer": answer,
        "answer_html": render_markdown(answer),
        "key_points": key_points,
        "key_points_html": [render_inline(p) for p in key_points],
        "wrong_answers": wrong_answers,
        "wrong_answers_html": [render_inline(w) for w in wrong_answers],
    }


def record_qa(
    *, session: Session, user: User, problem: Problem, answer: str, hit: list[int], rating: str, total: int
) -> Attempt:
    if not storable(answer):
        raise Unprocessable("The answer must not contain NUL characters.")
    # In a running mock, the answer stored before the reveal becomes this rated attempt (one per card).
    attempt = mock.unrated_answer(session=session, user=user, problem=problem)
    if attempt is None:
        attempt = Attempt(
            user_id=user.id,
            problem_id=problem.id,
            mode=AttemptMode.QA,
            status=AttemptStatus.DONE,
            mock_id=mock.active_mock_id(session=session, user=user, problem=problem),
            version=problem.version,
        )
        session.add(attempt)
    attempt.answer = answer or attempt.answer or ""  # a reload empties the box; a stored answer stays
    attempt.key_points_hit, attempt.rating = hit, rating
    attempt.passed, attempt.total, attempt.finished_at = len(hit), total, utcnow()
    session.flush()
    # The review is dated as the attempt, so a second rating of this reveal finds it (rerate_qa).
    scheduling.review(
        session=session,
        user=user,
        problem=problem,
        rating=Rating(rating),
        source=ReviewSource.CARD,
        when=attempt.finished_at,
    )
    return attempt


def rerate_qa(
    *, session: Session, user: User, problem: Problem, attempt_id: int, answer: str, hit: list[int], rating: str
) -> Attempt:
    """A second rating of the same reveal: update its attempt and replace its review (FSRS replays the log), so
    one reveal is one attempt and one review whatever the clicks (409 once a later attempt or review came)."""
    attempt = session.get(Attempt, attempt_id)
    if attempt is None or attempt.user_id != user.id or attempt.problem_id != problem.id or attempt.rating is None:
        raise NotFound(f"No rated answer #{attempt_id} to this card.")
    latest = session.scalar(
        select(func.max(Attempt.id)).where(
            Attempt.user_id == user.id, Attempt.problem_id == problem.id, Attempt.mode == AttemptMode.QA
        )
    )
    if latest != attempt.id:
        raise Conflict("A later answer to this card was rated since; reveal the card again to rate it.")
    if not storable(answer):
        raise Unprocessable("The answer must not contain NUL characters.")
    replaced = scheduling.rerate_card(
        session=session, user=user, problem=problem, rating=Rating(rating), reviewed_at=attempt.finished_at
    )
    if replaced is None:
        raise Conflict("This card was reviewed again since; reveal the card again to rate it.")
    attempt.answer = answer or attempt.answer or ""
    attempt.key_points_hit, attempt.rating, attempt.passed = hit, rating, len(hit)
    session.flush()
    return attempt
