"""Bulk check (CodeRunner's bulk tester): validate all of an instructor's problems in the sandbox, one after another.

A run reads the working files (a published problem's pending draft, else its files), then validates them holding
no database connection, then records each outcome as the Validate button does. It is bounded so that one
instructor cannot monopolise the grader: at most `MAX_PROBLEMS` problems a run, and one run per instructor at a
time in this process (a second gets 409).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import authoring
from app.errors import Conflict
from app.models import Problem, User

MAX_PROBLEMS = 50

_running: set[int] = set()
_running_lock = threading.Lock()


@dataclass
class Item:
    """One problem to check: what the table shows and the files validated."""

    slug: str
    kind: str
    published: bool
    files: dict[str, str] = field(repr=False)


@dataclass
class Outcome:
    slug: str
    kind: str
    published: bool
    reasons: list[str]
    seconds: float

    @property
    def ok(self) -> bool:
        return not self.reasons

    def to_dict(self) -> dict:
        return {"slug": self.slug, "ok": self.ok, "reasons": self.reasons, "seconds": round(self.seconds, 2)}


@contextmanager
def one_run(user: User) -> Iterator[None]:
    """Hold this instructor's one bulk-check slot; 409 while another run of theirs is going."""
    with _running_lock:
        if user.id in _running:
            raise Conflict("A bulk check of your problems is already running; wait for it to finish.")
        _running.add(user.id)
    try:
        yield
    finally:
        with _running_lock:
            _running.discard(user.id)


def items_to_check(*, session: Session, user: User) -> tuple[list[Item], int]:
    """The instructor's problems to check (the first `MAX_PROBLEMS` by slug) and how many they have in all."""
    problems = session.scalars(select(Problem).where(Problem.author_id == user.id).order_by(Problem.slug)).all()
    items = [Item(p.slug, p.kind, p.is_published, dict(authoring.working_files(p))) for p in problems[:MAX_PROBLEMS]]
    return items, len(problems)


def check_items(items: list[Item]) -> list[Outcome]:
    """Validate each problem in the sandbox, in turn. Takes seconds each: hold no database connection."""
    outcomes = []
    for item in items:
        started = time.perf_counter()
        reasons = authoring.check_files(item.slug, item.files)
        outcomes.append(Outcome(item.slug, item.kind, item.published, reasons, time.perf_counter() - started))
    return outcomes


def record(*, session: Session, user: User, items: list[Item], outcomes: list[Outcome]) -> None:
    """Remember each outcome on its problem, unless it was deleted or changed while it was checked."""
    problems = {
        p.slug: p
        for p in session.scalars(
            select(Problem).where(Problem.author_id == user.id, Problem.slug.in_([i.slug for i in items]))
        )
    }
    for item, outcome in zip(items, outcomes, strict=True):
        problem = problems.get(item.slug)
        if problem is not None:
            authoring.record_validation(problem, item.files, outcome.reasons)
