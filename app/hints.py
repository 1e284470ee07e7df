"""Progressive hints: a coding problem's three hints open one at a time, in order; each opening is recorded,
every attempt keeps how many were open when it was made (instructors see it), and hints opened before an
accepted submission cap the review rating at Hard (see app/scheduling.py). Hints are locked in a mock interview."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import grading, mock
from app.errors import Conflict, NotFound
from app.models import HintOpen, Problem, User


def opened_count(*, session: Session, user: User, problem: Problem) -> int:
    return (
        session.scalar(select(func.count()).where(HintOpen.user_id == user.id, HintOpen.problem_id == problem.id)) or 0
    )


def hint_texts(problem: Problem, language: str) -> list[str]:
    """The problem's hints in `language` (English where a Chinese one is missing; Chinese for a Chinese-only
    problem)."""
    spec = grading.problem_spec(problem)
    english = list(spec.hints) or list(spec.hints_zh)
    chinese = list(spec.hints_zh) if language == "zh" else []
    return [chinese[i] if i < len(chinese) and chinese[i].strip() else text for i, text in enumerate(english)]


def opened(*, session: Session, user: User | None, problem: Problem, language: str) -> tuple[list[str], int]:
    """The hints this learner has opened (their texts, in order) and how many the problem has."""
    texts = hint_texts(problem, language) if problem.kind == grading.Kind.CODE else []
    if user is None:
        return [], len(texts)
    return texts[: opened_count(session=session, user=user, problem=problem)], len(texts)


def open_hint(*, session: Session, user: User, problem: Problem, number: int, language: str) -> list[str]:
    """Open hint `number` (1-based): the next unopened one, or one already open (a no-op). Returns the open hints.

    404 when the problem has no such hint; 409 when an earlier hint is still closed, or during a mock interview
    that holds this problem."""
    texts = hint_texts(problem, language) if problem.kind == grading.Kind.CODE else []
    if not 1 <= number <= len(texts):
        raise NotFound(f"This problem has no hint {number}.")
    if mock.active_mock_id(session=session, user=user, problem=problem) is not None:
        raise Conflict("Hints are locked during your mock interview.")
    count = opened_count(session=session, user=user, problem=problem)
    if number > count + 1:
        raise Conflict(f"Open hint {count + 1} first: hints open in order.")
    if number == count + 1:
        try:
            with session.begin_nested():  # a concurrent request may open the same hint first
                session.add(HintOpen(user_id=user.id, problem_id=problem.id, number=number))
        except IntegrityError:
            pass
        count += 1
    return texts[:count]
