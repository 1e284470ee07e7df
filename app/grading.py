"""The web app's door to the grader: specs from stored files, the sandbox pool, the grading queue, samples,
custom runs, validation. (app/cli.py also calls the grader directly, for `rankup grade` and `rankup problems`.)

A submission is stored first (status `queued`), then handed to a GradingQueue. The in-process backend,
ThreadGradingQueue, grades with a pool of worker threads that never serve requests (the sandbox children
are spawned by the grader with a clean environment, not forked from this process). It shares the workers
fairly: at most one running attempt per user, users take turns (round-robin), and each user may have at
most `max_queued_per_user` attempts waiting or running. On start-up every attempt left `queued` or `running`
is graded again, and a reaper re-queues any attempt that has sat `queued` or `running` longer than a bound
with no worker holding it, so nothing stays stuck.

Regrade items (app/regrade.py) wait in a low-priority lane of their own: a worker takes one only when no
learner's attempt is waiting. They are re-queued on start-up and by the reaper like attempts.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import hashlib
import json
import logging
import threading
import time
from collections import Counter, deque
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Protocol

from cachetools import LRUCache
from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, sessionmaker

import grader
import grader.validate
from app import scheduling
from app.db import storable
from app.errors import AppError, RateLimited, Unprocessable
from app.models import Attempt, AttemptMode, AttemptStatus, Problem, ReviewSource, User, utcnow

log = logging.getLogger("rankup.grading")
SpecError = grader.SpecError
# The lists of names the interface shows: defined once, in the grader's spec format.
Kind = grader.spec.Kind
SLUG_RE = grader.spec.SLUG_RE
TOPICS, DIFFICULTIES, CHECKERS = grader.spec.TOPICS, grader.spec.DIFFICULTIES, grader.spec.CHECKERS
PINNABLE_VERDICTS = tuple(str(v) for v in grader.spec.PINNABLE)  # what a known-wrong solution may be pinned to
DEFAULT_PINNED = str(grader.Verdict.WRONG_ANSWER)
HINT_KEYS, HINT_COUNT = grader.spec.HINT_KEYS, grader.validate.HINTS  # hints.toml's lists, and hints in each
redact_test = grader.result.redact_test
ACCEPTED = str(grader.Verdict.ACCEPTED)

SPEC_CACHE_BYTES = 64 * 1024 * 1024
SAMPLES_CACHE_BYTES = 16 * 1024 * 1024
WRITE_RETRIES = 5  # a finished grade's write is tried this many times, backing off from 0.1 s


def files_hash(files: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(files, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


# Both caches are bounded by the bytes of what they hold (the spec's files, the samples' display strings).
_spec_cache: LRUCache = LRUCache(maxsize=SPEC_CACHE_BYTES, getsizeof=lambda entry: entry[1])
_spec_lock = threading.Lock()


def spec_for(slug: str, files: dict[str, str]) -> grader.ProblemSpec:
    """Parse a stored problem's files (cached by content); raises SpecError."""
    key = (slug, files_hash(files))
    with _spec_lock:
        entry = _spec_cache.get(key)
    if entry is not None:
        return entry[0]
    try:
        spec = grader.spec_from_files(slug, files)
    except RecursionError:  # tomllib and json recurse per nesting level; a hostile file can exhaust the stack
        raise SpecError(slug, ["a file is nested too deeply to read"]) from None
    reasons = unstorable(spec)
    if reasons:
        raise SpecError(slug, reasons)
    size = sum(len(name) + len(text) for name, text in files.items())
    if size <= SPEC_CACHE_BYTES // 8:
        with _spec_lock:
            _spec_cache[key] = (spec, size)
    return spec


def unstorable(spec: grader.ProblemSpec) -> list[str]:
    """Why the problem's row could not hold this spec's listing fields on every database: PostgreSQL enforces
    VARCHAR lengths and refuses text with NUL characters, where SQLite stores anything."""
    reasons = [
        f"problem.toml: `{name}` is longer than {limit} characters"
        for name in ("title", "title_zh", "topic")
        if len(getattr(spec, name)) > (limit := Problem.__table__.c[name].type.length)
    ]
    if not storable(spec.title, spec.title_zh, spec.topic, *spec.tags):
        reasons.append("problem.toml: the title, topic and tags must not contain NUL characters")
    return reasons


def problem_spec(problem: Problem) -> grader.ProblemSpec:
    return spec_for(problem.slug, problem.files)


def bank_problems(problems_dir: Path | None = None) -> list[tuple[str, dict[str, str] | None, list[str]]]:
    """Every built-in problem in `problems_dir` (default: the source tree's) as (slug, files or None, reasons)."""
    from grader.spec import read_folder

    problems_dir = problems_dir or grader.PROBLEMS_DIR
    out = []
    for slug in grader.bank_slugs(problems_dir):
        files = read_folder(problems_dir / slug)
        try:
            spec_for(slug, files)
        except SpecError as exc:
            out.append((slug, None, exc.reasons))
            continue
        out.append((slug, files, []))
    return out


def configure_sandbox(*, slots: int, unsafe: bool) -> None:
    """Configure the process's one sandbox pool (the grader's default pool) from the settings."""
    grader.sandbox.configure_default_pool(slots=slots, unsafe=unsafe)


_samples_cache: LRUCache = LRUCache(maxsize=SAMPLES_CACHE_BYTES, getsizeof=lambda entry: entry[1])
_samples_lock = threading.Lock()
_samples_running: dict[str, concurrent.futures.Future] = {}
_samples_executor = concurrent.futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="samples")


def _compute_samples(spec: grader.ProblemSpec) -> list[dict]:
    try:
        cases = [
            {"name": str(c["name"]), "input": str(c.get("input", "")), "expected": str(c.get("expected", ""))}
            for c in grader.visible_cases(spec)
        ]
    except grader.GraderError:  # the grader is unavailable or the problem is broken: the page still renders
        log.exception("cannot compute the visible samples of %s", spec.slug)
        cases = None
    with _samples_lock:
        _samples_running.pop(spec.tests_key, None)
        if cases is not None:
            size = sum(len(v) for case in cases for v in case.values())
            _samples_cache[spec.tests_key] = (cases, size)
    return cases or []


def visible_samples(spec: grader.ProblemSpec, wait: float = 10.0) -> list[dict]:
    """The visible cases (name, input, expected display strings); never hidden ones.

    They are computed off the caller's thread (the generator and reference run in the sandbox, once per
    tests version); the caller waits at most `wait` seconds and gets [] while they are not ready. Callers
    must not hold a database connection while they wait."""
    if spec.kind != Kind.CODE:
        return []
    with _samples_lock:
        entry = _samples_cache.get(spec.tests_key)
        if entry is not None:
            return entry[0]
        future = _samples_running.get(spec.tests_key)
        if future is None:
            future = _samples_running[spec.tests_key] = _samples_executor.submit(_compute_samples, spec)
    try:
        return future.result(timeout=wait) if wait > 0 else []
    except concurrent.futures.TimeoutError:
        return []


def samples_ready(spec: grader.ProblemSpec) -> bool:
    with _samples_lock:
        return spec.kind != Kind.CODE or spec.tests_key in _samples_cache


def validate(spec: grader.ProblemSpec) -> list[str]:
    """Run the same checks as `rankup problems validate` on an instructor's problem (one complete language is
    enough; the bank needs both), in the sandbox; [] when valid. Blocks for seconds: call it from a worker
    thread, holding no database connection."""
    from grader.validate import validate_spec

    return validate_spec(spec, bilingual=False)  # the grader's fault boundary: never raises


def grade_now(spec: grader.ProblemSpec, source: str, mode: str) -> dict:
    """Grade and return the report's JSON; `grader.grade` is the fault boundary (a fault is an internal_error)."""
    return grader.grade(spec, source, mode=mode).to_dict()


def custom_fields(spec: grader.ProblemSpec) -> dict[str, str]:
    """Sample 1's arguments as Python literals, one per parameter (the custom-run fields). May block while the
    samples are computed: call it holding no database connection."""
    try:
        return grader.default_arguments(spec)
    except grader.GraderError:
        log.exception("cannot compute sample 1 of %s", spec.slug)
        raise AppError("The samples are not ready; try again shortly.", 503, headers={"Retry-After": "5"}) from None


def custom_run(spec: grader.ProblemSpec, source: str, args: dict[str, str]) -> dict:
    """Run `source` and the reference on the learner's literals (`grader.custom_run`, a fault boundary like
    `grade`); an unusable literal is 422 naming its parameter. Blocks: call it holding no database connection."""
    try:
        return grader.custom_run(spec, source, args).to_dict()
    except grader.CustomInputError as exc:
        where = f"`{exc.parameter}`: " if exc.parameter else ""
        raise Unprocessable(f"Custom input {where}{exc.message}") from None


def start_sandbox_pool(make_session: sessionmaker[Session] | None = None) -> None:
    """Warm the sandbox zygotes, then every published problem's samples, in the background: the first
    submission is fast and no page view runs a generator."""

    def warm() -> None:
        try:
            grader.default_pool().start()
        except Exception:
            log.exception("could not warm the sandbox pool")
            return
        if make_session is None:
            return
        try:
            with make_session() as session:
                rows = session.execute(
                    select(Problem.slug, Problem.files).where(Problem.kind == Kind.CODE, Problem.is_published.is_(True))
                ).all()
        except Exception:
            log.exception("could not list the problems whose samples to prepare")
            return
        for slug, files in rows:
            try:
                visible_samples(spec_for(slug, files), wait=0)
            except SpecError:
                continue

    threading.Thread(target=warm, name="sandbox-warm", daemon=True).start()


class GradingQueue(Protocol):
    """Where stored attempts go to be graded. A distributed backend implements the same methods.

    The submit flow: `reserve(user_id)` before the attempt is stored (it raises RateLimited when the user
    already has their fill of attempts waiting or running, so nothing is stored); once the transaction
    commits, `submit(attempt_id, user_id)` takes the place reserved; if it rolls back, `release(user_id)`
    gives the place back."""

    def start(self) -> None: ...

    def reserve(self, user_id: int, session: Session | None = None) -> None: ...

    def release(self, user_id: int) -> None: ...

    def submit(self, attempt_id: int, user_id: int) -> None: ...

    def submit_regrade(self, item_id: int) -> None: ...

    def wait(self, attempt_id: int, timeout: float) -> None: ...

    async def wait_async(self, attempt_id: int, timeout: float) -> None: ...

    def close(self) -> None: ...


class ThreadGradingQueue:
    """Grade attempts with worker threads in this process, fairly between users; attempts persist in the
    database.

    Each user's attempts wait in their own line. A free worker takes the oldest attempt of the user whose
    turn is next; a user is in the turn line only while they have an attempt waiting and none running, and
    goes to its back after each attempt. So one user's long runs delay another's by at most one run each."""

    def __init__(
        self,
        make_session: sessionmaker[Session],
        workers: int = 2,
        grade: Callable[[grader.ProblemSpec, str, str], dict] = grade_now,
        *,
        max_queued_per_user: int = 10,
        stuck_after_s: float = 900.0,
    ):
        self.make_session = make_session
        self.workers = workers
        self.grade = grade
        self.max_queued_per_user = max_queued_per_user
        self.stuck_after_s = stuck_after_s
        self._threads: list[threading.Thread] = []
        self._pending: dict[int, threading.Event] = {}  # attempt -> set when graded (waiting or running here)
        self._waiting: dict[int, deque[int]] = {}  # user -> attempts not started, oldest first
        self._turns: deque[int] = deque()  # users with an attempt waiting and none running, in turn order
        self._running: set[int] = set()  # users with an attempt running
        self._queued: Counter[int] = Counter()  # user -> attempts waiting or running
        self._reserved: Counter[int] = Counter()  # user -> places reserved for attempts being stored
        self._async_waiters: dict[int, list[tuple[asyncio.AbstractEventLoop, asyncio.Event]]] = {}
        self._regrades: deque[int] = deque()  # regrade items not started: the low-priority lane
        self._regrades_held: set[int] = set()  # regrade items waiting or running here
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)  # workers wait on it for a turn
        self._closing = False
        self._closed = threading.Event()

    def start(self) -> None:
        for n in range(self.workers):
            thread = threading.Thread(target=self._work, name=f"grader-{n}", daemon=True)
            thread.start()
            self._threads.append(thread)
        with self.make_session() as session:
            leftover = session.execute(
                select(Attempt.id, Attempt.user_id)
                .where(
                    Attempt.status.in_([AttemptStatus.QUEUED, AttemptStatus.RUNNING]), Attempt.mode != AttemptMode.QA
                )
                .order_by(Attempt.id)
            ).all()
        for attempt_id, user_id in leftover:
            self.submit(attempt_id, user_id)
        if leftover:
            log.info("re-queued %d attempts left over from the last run", len(leftover))
        self._requeue_regrades(stuck_before=None)
        reaper = threading.Thread(target=self._reap_forever, name="grading-reaper", daemon=True)
        reaper.start()
        self._threads.append(reaper)

    def reserve(self, user_id: int, session: Session | None = None) -> None:
        """Hold a place for one more of the user's attempts, or raise RateLimited (429) when they have
        `max_queued_per_user` waiting or running already (counted here, in memory: `session` is unused)."""
        with self._lock:
            if self._queued[user_id] + self._reserved[user_id] >= self.max_queued_per_user:
                raise RateLimited(
                    f"You have {self.max_queued_per_user} submissions waiting to be graded; "
                    "submit again once they are done.",
                    retry_after=5,
                )
            self._reserved[user_id] += 1

    def release(self, user_id: int) -> None:
        """Give back a place reserved for an attempt that was never stored."""
        with self._lock:
            _decrement(self._reserved, user_id)

    def submit(self, attempt_id: int, user_id: int, *, reserved: bool = False) -> None:
        """Queue a stored attempt, in the place reserve() held for it when `reserved`; a no-op if it is
        already waiting or running here."""
        with self._lock:
            if reserved:
                _decrement(self._reserved, user_id)
            if attempt_id in self._pending:
                return
            self._queued[user_id] += 1
            self._pending[attempt_id] = threading.Event()
            line = self._waiting.setdefault(user_id, deque())
            line.append(attempt_id)
            if len(line) == 1 and user_id not in self._running:
                self._turns.append(user_id)
                self._wake.notify()

    def submit_regrade(self, item_id: int) -> None:
        """Queue a stored regrade item in the low-priority lane; a no-op if it is already waiting or running here."""
        with self._lock:
            if item_id in self._regrades_held:
                return
            self._regrades_held.add(item_id)
            self._regrades.append(item_id)
            self._wake.notify()

    def _requeue_regrades(self, stuck_before) -> list[int]:
        from app import regrade  # (app.regrade imports this module)

        with self.make_session() as session:
            items = regrade.unfinished_items(session=session, created_before=stuck_before)
        with self._lock:
            items = [i for i in items if i not in self._regrades_held]
        for item_id in items:
            self.submit_regrade(item_id)
        if items:
            log.info("re-queued %d regrade items", len(items))
        return items

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
        with self._lock:
            self._closing = True
            self._wake.notify_all()
        self._closed.set()
        for thread in self._threads:
            thread.join(timeout=10)
        self._threads.clear()

    def reap(self) -> list[int]:
        """Re-queue every attempt left `queued` or `running` for longer than `stuck_after_s` (by its creation
        time) that no worker here holds: its grade could not be saved, or its hand-over was lost."""
        cutoff = utcnow() - timedelta(seconds=self.stuck_after_s)
        with self.make_session() as session:
            rows = session.execute(
                select(Attempt.id, Attempt.user_id)
                .where(
                    Attempt.status.in_([AttemptStatus.QUEUED, AttemptStatus.RUNNING]),
                    Attempt.mode != AttemptMode.QA,
                    Attempt.created_at < cutoff,
                )
                .order_by(Attempt.id)
            ).all()
        with self._lock:
            stuck = [(a, u) for a, u in rows if a not in self._pending]
        for attempt_id, user_id in stuck:
            log.warning("attempt %s was stuck; grading it again", attempt_id)
            self.submit(attempt_id, user_id)
        self._requeue_regrades(stuck_before=cutoff)
        return [a for a, _ in stuck]

    def _reap_forever(self) -> None:
        every = min(60.0, self.stuck_after_s / 4)
        while not self._closed.wait(every):
            try:
                self.reap()
            except Exception:
                log.exception("the reaper could not look for stuck attempts")

    def _next(self) -> tuple[int, int | None] | None:
        """Wait for the next (attempt, user) whose turn it is, else (regrade item, None); None when closing."""
        with self._lock:
            while not self._turns and not self._regrades and not self._closing:
                self._wake.wait()
            if self._closing:
                return None
            if not self._turns:
                return self._regrades.popleft(), None
            user_id = self._turns.popleft()
            line = self._waiting[user_id]
            attempt_id = line.popleft()
            if not line:
                del self._waiting[user_id]
            self._running.add(user_id)
            return attempt_id, user_id

    def _finish(self, attempt_id: int, user_id: int) -> None:
        with self._lock:
            self._running.discard(user_id)
            if user_id in self._waiting:
                self._turns.append(user_id)
                self._wake.notify()
            _decrement(self._queued, user_id)
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
        while (job := self._next()) is not None:
            attempt_id, user_id = job
            if user_id is None:
                self._regrade_one(attempt_id)
                continue
            try:
                self._grade_one(attempt_id)
            except Exception:
                log.exception("attempt %s could not be graded; the reaper will try it again", attempt_id)
            finally:
                self._finish(attempt_id, user_id)

    def _regrade_one(self, item_id: int) -> None:
        from app import regrade  # (app.regrade imports this module)

        try:
            regrade.grade_item(make_session=self.make_session, item_id=item_id, grade=self.grade)
        except Exception:
            log.exception("regrade item %s could not be graded; the reaper will try it again", item_id)
        finally:
            with self._lock:
                self._regrades_held.discard(item_id)

    def _grade_one(self, attempt_id: int) -> None:
        grade_attempt(self.make_session, attempt_id, self.grade)


def _decrement(counts: Counter[int], key: int) -> None:
    counts[key] -= 1
    if counts[key] <= 0:
        del counts[key]


def grade_attempt(
    make_session: sessionmaker[Session],
    attempt_id: int,
    grade: Callable[[grader.ProblemSpec, str, str], dict] = grade_now,
    *,
    on_stored: Callable[[Session, int], None] | None = None,
) -> dict | None:
    """Grade one stored attempt and save its result (both backends call this); returns what was logged about it
    (verdict, queue wait, grade time), or None when there was nothing to grade. `on_stored(session, attempt_id)`
    runs in the result's transaction, just before it commits."""
    with make_session() as session:
        attempt = session.get(Attempt, attempt_id)
        if attempt is None or attempt.status == AttemptStatus.DONE:
            return None
        problem = session.get(Problem, attempt.problem_id)
        attempt.status = AttemptStatus.RUNNING
        attempt.version = problem.version  # graded against the files read here
        session.commit()
        source, mode, slug, files = attempt.code, attempt.mode, problem.slug, dict(problem.files)
        queued_ms = max(0.0, (utcnow() - attempt.created_at).total_seconds() * 1000)
    started = time.perf_counter()
    try:
        spec = spec_for(slug, files)
    except SpecError as exc:
        report = grader.Report.failure(
            slug, grader.Verdict.INTERNAL_ERROR, "This problem is broken: " + "; ".join(exc.reasons), 0
        ).to_dict()
    else:
        report = grade(spec, source, mode)
    grade_ms = (time.perf_counter() - started) * 1000
    log.debug("graded attempt %s in %.1f ms", attempt_id, grade_ms)
    stored = time.perf_counter()
    for retry in range(WRITE_RETRIES):
        try:
            with make_session() as session:
                if store_result(session=session, attempt_id=attempt_id, report=report) and on_stored is not None:
                    on_stored(session, attempt_id)
                session.commit()
            break
        except (OperationalError, PoolTimeout):
            if retry == WRITE_RETRIES - 1:
                raise
            log.warning("could not save attempt %s's grade (try %d); retrying", attempt_id, retry + 1)
            time.sleep(0.1 * 2**retry)
    return {
        "attempt": attempt_id,
        "problem": slug,
        "verdict": report.get("verdict"),
        "queue_wait_ms": round(queued_ms, 1),
        "grade_ms": round(grade_ms, 1),
        "store_ms": round((time.perf_counter() - stored) * 1000, 1),
    }


def store_result(*, session: Session, attempt_id: int, report: dict) -> bool:
    """Write a grade unless the attempt already has one (`... WHERE status <> 'done'`, so a retried job can never
    give an attempt two verdicts); then update the learner's review schedule and mock. True when written."""
    written = session.execute(
        update(Attempt)
        .where(Attempt.id == attempt_id, Attempt.status != AttemptStatus.DONE)
        .values(
            report=report,
            verdict=report.get("verdict"),
            passed=report.get("passed"),
            total=report.get("total"),
            time_ms=report.get("time_ms"),
            status=AttemptStatus.DONE,
            finished_at=utcnow(),
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if not written:
        return False
    attempt = session.get(Attempt, attempt_id, populate_existing=True)
    # One learner's grades are written one at a time (PostgreSQL: a row lock on the user; SQLite writes one at a
    # time anyway): two workers finishing the same learner's attempts at once would otherwise both insert the
    # problem's review state, and the second would fail.
    session.execute(select(User.id).where(User.id == attempt.user_id).with_for_update())
    rating = scheduling.problem_rating(session=session, attempt=attempt)
    if rating is not None:
        user, problem = session.get(User, attempt.user_id), session.get(Problem, attempt.problem_id)
        if user is not None and problem is not None:
            scheduling.review(session=session, user=user, problem=problem, rating=rating, source=ReviewSource.ATTEMPTS)
    from app import mock  # (app.mock imports this module)

    mock.graded(session=session, attempt=attempt)  # a finished mock may have waited for this grade
    return True
