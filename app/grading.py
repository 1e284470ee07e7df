"""The web app's only door to the grader: specs from stored files, the grading queue, samples, validation.

A submission is stored first (status `queued`), then handed to a GradingQueue. The in-process backend,
ThreadGradingQueue, grades with a pool of worker threads that never serve requests (the sandbox children
are spawned by the grader with a clean environment, not forked from this process). On start-up every
attempt left `queued` or `running` is graded again, so a crash loses nothing.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import queue
import threading
import time
from collections.abc import Callable
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

import grader
from app.db import storable
from app.models import Attempt, AttemptStatus, Problem, utcnow

log = logging.getLogger("rankup.grading")
SpecError = grader.SpecError


def files_hash(files: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(files, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


_spec_cache: dict[tuple[str, str], grader.ProblemSpec] = {}
_spec_lock = threading.Lock()


def spec_for(slug: str, files: dict[str, str]) -> grader.ProblemSpec:
    """Parse a stored problem's files (cached by content); raises SpecError."""
    key = (slug, files_hash(files))
    spec = _spec_cache.get(key)
    if spec is None:
        spec = grader.spec_from_files(slug, files)
        reasons = unstorable(spec)
        if reasons:
            raise SpecError(slug, reasons)
        with _spec_lock:
            if len(_spec_cache) > 512:
                _spec_cache.clear()
            _spec_cache[key] = spec
    return spec


def unstorable(spec: grader.ProblemSpec) -> list[str]:
    """Why the problem's row could not hold this spec's listing fields on every database: PostgreSQL enforces
    VARCHAR lengths and refuses text with NUL characters, where SQLite stores anything."""
    reasons = [f"problem.toml: `{name}` is longer than {limit} characters"
               for name in ("title", "title_zh", "topic")
               if len(getattr(spec, name)) > (limit := Problem.__table__.c[name].type.length)]
    if not storable(spec.title, spec.title_zh, spec.topic, *spec.tags):
        reasons.append("problem.toml: the title, topic and tags must not contain NUL characters")
    return reasons


def problem_spec(problem: Problem) -> grader.ProblemSpec:
    return spec_for(problem.slug, problem.files)


def bank_problems() -> list[tuple[str, dict[str, str] | None, list[str]]]:
    """Every built-in problem as (slug, files or None, reasons it is broken)."""
    from grader.spec import PROBLEMS_DIR, read_folder

    out = []
    for slug in grader.bank_slugs():
        files = read_folder(PROBLEMS_DIR / slug)
        try:
            spec_for(slug, files)
        except SpecError as exc:
            out.append((slug, None, exc.reasons))
            continue
        out.append((slug, files, []))
    return out


_samples_cache: dict[str, list[dict]] = {}


def visible_samples(spec: grader.ProblemSpec) -> list[dict]:
    """The visible cases (name, input, expected display strings); never hidden ones. Empty if unavailable."""
    if spec.kind != "code":
        return []
    cached = _samples_cache.get(spec.tests_key)
    if cached is not None:
        return cached
    try:
        from grader.judge import visible_cases

        cases = [{"name": str(c["name"]), "input": str(c.get("input", "")), "expected": str(c.get("expected", ""))}
                 for c in visible_cases(spec)]
    except Exception:  # the grader is unavailable or the problem is broken: the page still renders
        log.exception("cannot compute the visible samples of %s", spec.slug)
        return []
    _samples_cache[spec.tests_key] = cases
    return cases


def validate(spec: grader.ProblemSpec) -> list[str]:
    """Run the same checks as `rankup problems validate`, in the sandbox; [] when valid."""
    from grader.validate import validate_spec

    try:
        return list(validate_spec(spec))
    except grader.GraderError as exc:
        return [f"the grader could not check this problem: {exc}"]


def grade_now(spec: grader.ProblemSpec, source: str, mode: str) -> dict:
    """Grade and return the report's JSON; a grader fault becomes an internal_error report."""
    try:
        from grader.judge import grade

        return grade(spec, source, mode=mode).to_dict()
    except Exception as exc:  # a grader fault is never the learner's verdict; record it and carry on
        log.exception("grading %s failed", spec.slug)
        return grader.Report.failure(spec.slug, grader.Verdict.INTERNAL_ERROR,
                                     f"The grader failed: {type(exc).__name__}. Please try again.", 0).to_dict()


def start_sandbox_pool() -> None:
    """Warm the sandbox zygotes in the background so the first submission is fast."""
    def warm() -> None:
        try:
            from grader.sandbox import default_pool

            default_pool().start()
        except Exception:
            log.exception("could not warm the sandbox pool")

    threading.Thread(target=warm, name="sandbox-warm", daemon=True).start()


class GradingQueue(Protocol):
    """Where stored attempts go to be graded. A distributed backend implements the same four methods."""

    def start(self) -> None: ...

    def submit(self, attempt_id: int) -> None: ...

    def wait(self, attempt_id: int, timeout: float) -> None: ...

    async def wait_async(self, attempt_id: int, timeout: float) -> None: ...

    def close(self) -> None: ...


class ThreadGradingQueue:
    """Grade attempts with worker threads in this process; attempts persist in the database."""

    def __init__(self, make_session: sessionmaker[Session], workers: int = 2,
                 grade: Callable[[grader.ProblemSpec, str, str], dict] = grade_now):
        self.make_session = make_session
        self.workers = workers
        self.grade = grade
        self._queue: queue.Queue[int | None] = queue.Queue()
        self._threads: list[threading.Thread] = []
        self._pending: dict[int, threading.Event] = {}
        self._async_waiters: dict[int, list[tuple[asyncio.AbstractEventLoop, asyncio.Event]]] = {}
        self._lock = threading.Lock()

    def start(self) -> None:
        for n in range(self.workers):
            thread = threading.Thread(target=self._work, name=f"grader-{n}", daemon=True)
            thread.start()
            self._threads.append(thread)
        with self.make_session() as session:
            leftover = session.scalars(select(Attempt.id).where(
                Attempt.status.in_([AttemptStatus.QUEUED, AttemptStatus.RUNNING]),
                Attempt.mode != "qa").order_by(Attempt.id)).all()
        for attempt_id in leftover:
            self.submit(attempt_id)
        if leftover:
            log.info("re-queued %d attempts left over from the last run", len(leftover))

    def submit(self, attempt_id: int) -> None:
        with self._lock:
            if attempt_id in self._pending:
                return
            self._pending[attempt_id] = threading.Event()
        self._queue.put(attempt_id)

    def wait(self, attempt_id: int, timeout: float) -> None:
        """Block until the attempt is graded or `timeout` passes; returns at once if it is not pending."""
        event = self._pending.get(attempt_id)
        if event is not None and timeout > 0:
            event.wait(timeout)

    async def wait_async(self, attempt_id: int, timeout: float) -> None:
        """Like wait(), without holding a thread: long polls must not starve the request thread pool."""
        event = asyncio.Event()
        with self._lock:
            if attempt_id not in self._pending:
                return
            self._async_waiters.setdefault(attempt_id, []).append((asyncio.get_running_loop(), event))
        try:
            await asyncio.wait_for(event.wait(), timeout)
        except TimeoutError:
            pass
        finally:
            with self._lock:
                waiters = self._async_waiters.get(attempt_id, [])
                waiters[:] = [w for w in waiters if w[1] is not event]
                if not waiters:
                    self._async_waiters.pop(attempt_id, None)

    def close(self) -> None:
        for _ in self._threads:
            self._queue.put(None)
        for thread in self._threads:
            thread.join(timeout=10)
        self._threads.clear()

    def _finish(self, attempt_id: int) -> None:
        with self._lock:
            event = self._pending.pop(attempt_id, None)
            waiters = self._async_waiters.pop(attempt_id, [])
        if event is not None:
            event.set()
        for loop, waiter in waiters:
            try:
                loop.call_soon_threadsafe(waiter.set)
            except RuntimeError:  # that request's event loop has closed
                pass

    def _work(self) -> None:
        while True:
            attempt_id = self._queue.get()
            if attempt_id is None:
                return
            try:
                self._grade_one(attempt_id)
            except Exception:
                log.exception("attempt %s could not be graded; it stays queued for the next start", attempt_id)
            finally:
                self._finish(attempt_id)

    def _grade_one(self, attempt_id: int) -> None:
        with self.make_session() as session:
            attempt = session.get(Attempt, attempt_id)
            if attempt is None or attempt.status == AttemptStatus.DONE:
                return
            problem = session.get(Problem, attempt.problem_id)
            attempt.status = AttemptStatus.RUNNING
            session.commit()
            source, mode, slug, files = attempt.code, attempt.mode, problem.slug, dict(problem.files)
        started = time.perf_counter()
        try:
            spec = spec_for(slug, files)
        except SpecError as exc:
            report = grader.Report.failure(slug, grader.Verdict.INTERNAL_ERROR,
                                           "This problem is broken: " + "; ".join(exc.reasons), 0).to_dict()
        else:
            report = self.grade(spec, source, mode)
        log.debug("graded attempt %s in %.1f ms", attempt_id, (time.perf_counter() - started) * 1000)
        with self.make_session() as session:
            attempt = session.get(Attempt, attempt_id)
            if attempt is None:
                return
            attempt.report = report
            attempt.verdict = report.get("verdict")
            attempt.passed = report.get("passed")
            attempt.total = report.get("total")
            attempt.time_ms = report.get("time_ms")
            attempt.status = AttemptStatus.DONE
            attempt.finished_at = utcnow()
            session.commit()
