"""The procrastinate grading backend: jobs kept in PostgreSQL, graded by `rankup worker` processes on any machine.

- A web node only enqueues. An attempt's job is deferred in the very transaction that stores the attempt: a flush
  hook on the app's sessionmaker hands procrastinate the session's own psycopg connection, so neither the attempt
  nor its job can exist without the other, whichever code path stores or re-queues an attempt.
- A worker grades with `grading.grade_attempt`, the thread backend's function. The result write is idempotent
  (`WHERE status <> 'done'`) and sends NOTIFY `rankup_graded` in its own transaction; every web node LISTENs on
  that channel to wake its long polls.
- Each worker beats every `worker_heartbeat_s`, and every `worker_stalled_check_s` it re-queues the jobs whose
  worker has been silent for more than `worker_stalled_after_s`: a killed worker's attempt is queued again at most
  stalled_after + check seconds after its last heartbeat. An attempt started `max_grade_tries` times, each time
  losing its worker, ends as internal_error.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import threading
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime

import procrastinate
import psycopg
from procrastinate.jobs import Status
from sqlalchemy import event, func, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

import grader
from app import grading
from app.config import Settings
from app.db import make_engine, make_sessionmaker
from app.errors import RateLimited
from app.models import Attempt, AttemptMode, AttemptStatus, Problem

log = logging.getLogger("rankup.worker")
QUEUE = "grading"
TASK = "rankup.grade"
REGRADE_TASK = "rankup.regrade"  # one regrade item (app/regrade.py), below every submission in priority
REGRADE_PRIORITY = -10  # procrastinate takes higher priorities first; submissions defer at 0
CHANNEL = "rankup_graded"
# Test mode only: a worker whose attempt's code contains this marker exits mid-grade (the poison-job test).
CRASH_ON_ENV = "RANKUP_TEST_CRASH_ON"
GAVE_UP = "This submission stopped the grading worker {tries} times in a row, so it was not graded. Check it for code "
GAVE_UP += "that exhausts the machine, change it, and submit again."
NOT_SAVED = "The grader failed while saving this submission's result; it is not your fault. Submit it again."


def conninfo(database_url: str) -> str:
    """The SQLAlchemy URL as a libpq connection string (psycopg takes the same query parameters)."""
    return make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)


def notify_graded(session: Session, attempt_id: int) -> None:
    """Tell every web node, when this transaction commits, that the attempt has its verdict."""
    session.execute(text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": str(attempt_id)})


def queued_attempt_ids(session: Session) -> list[int]:
    """The attempts this flush stored as queued or set back to queued (code attempts only)."""
    found = []
    for obj in (*session.new, *session.dirty):
        if not isinstance(obj, Attempt) or obj.status != AttemptStatus.QUEUED or obj.mode == AttemptMode.QA:
            continue
        if obj in session.new or inspect(obj).attrs.status.history.added:
            found.append(obj.id)
    return sorted(found)


class ProcrastinateGradingQueue:
    """The web node's GradingQueue: jobs are deferred by the flush hook, in the attempt's transaction; `submit`
    has nothing left to do; waits wake on NOTIFY `rankup_graded` from whichever worker wrote the verdict."""

    def __init__(self, make_session: sessionmaker[Session], database_url: str, *, max_queued_per_user: int = 10):
        self.make_session = make_session
        self.conninfo = conninfo(database_url)
        self.max_queued_per_user = max_queued_per_user
        self.app = procrastinate.App(connector=procrastinate.SyncPsycopgConnector(conninfo=self.conninfo))
        self._waiters: dict[int, list[Callable[[], None]]] = {}
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._listening = threading.Event()
        self._listener: threading.Thread | None = None
        event.listen(make_session, "after_flush", self._defer_queued)

    def _defer_queued(self, session: Session, _flush_context) -> None:
        ids = queued_attempt_ids(session)
        if not ids:
            return
        connection = session.connection().connection.driver_connection  # the transaction that stores them
        for attempt_id in ids:  # no pool of its own: procrastinate runs the INSERT on the session's connection
            self.app.configure_task(TASK, queue=QUEUE, connection=connection).defer(attempt_id=attempt_id)

    def start(self) -> None:
        with psycopg.connect(self.conninfo) as connection:  # fail at start-up, not at the first submission
            if connection.execute("SELECT to_regclass('procrastinate_jobs')").fetchone()[0] is None:
                raise SystemExit(
                    "rankup: the database has no procrastinate schema; run `rankup db upgrade` with "
                    "RANKUP_GRADING_BACKEND=procrastinate"
                )
        self._listener = threading.Thread(target=self._listen_forever, name="graded-listener", daemon=True)
        self._listener.start()
        self._listening.wait(10)

    def reserve(self, user_id: int, session: Session | None = None) -> None:
        """Refuse (429) a user who already has `max_queued_per_user` attempts queued or running on any node
        (counted in `session`, the request's, when given)."""
        with nullcontext(session) if session is not None else self.make_session() as session:
            active = session.scalar(
                select(func.count())
                .select_from(Attempt)
                .where(
                    Attempt.user_id == user_id,
                    Attempt.status.in_([AttemptStatus.QUEUED, AttemptStatus.RUNNING]),
                    Attempt.mode != AttemptMode.QA,
                )
            )
        if active >= self.max_queued_per_user:
            raise RateLimited(
                f"You have {self.max_queued_per_user} submissions waiting to be graded; "
                "submit again once they are done.",
                retry_after=5,
            )

    def release(self, user_id: int) -> None:
        """Nothing is held between reserve() and the commit: the count is of stored attempts."""

    def submit(self, attempt_id: int, user_id: int, *, reserved: bool = False) -> None:
        """Nothing to do: the attempt's job was deferred in the transaction that stored it."""

    def submit_regrade(self, item_id: int) -> None:
        """Queue a committed regrade item at low priority: a worker takes it only when no submission waits."""
        with psycopg.connect(self.conninfo, autocommit=True) as connection:
            self.app.configure_task(REGRADE_TASK, queue=QUEUE, priority=REGRADE_PRIORITY, connection=connection).defer(
                item_id=item_id
            )

    def _done(self, attempt_id: int) -> bool:
        with self.make_session() as session:
            status = session.scalar(select(Attempt.status).where(Attempt.id == attempt_id))
        return status in (None, AttemptStatus.DONE)

    def _add(self, attempt_id: int, wake: Callable[[], None]) -> None:
        with self._lock:
            self._waiters.setdefault(attempt_id, []).append(wake)

    def _remove(self, attempt_id: int, wake: Callable[[], None]) -> None:
        with self._lock:
            waiters = self._waiters.get(attempt_id, [])
            waiters[:] = [w for w in waiters if w is not wake]
            if not waiters:
                self._waiters.pop(attempt_id, None)

    def wait(self, attempt_id: int, timeout: float) -> None:
        """Block until the attempt is graded (on any node) or `timeout` passes."""
        done = threading.Event()
        self._add(attempt_id, done.set)
        try:
            if timeout > 0 and not self._done(attempt_id):
                done.wait(timeout)
        finally:
            self._remove(attempt_id, done.set)

    async def wait_async(self, attempt_id: int, timeout: float) -> None:
        """Like wait(), holding no thread while it waits."""
        done = asyncio.Event()
        loop = asyncio.get_running_loop()

        def wake() -> None:
            try:
                loop.call_soon_threadsafe(done.set)
            except RuntimeError:  # that request's event loop has closed
                pass

        self._add(attempt_id, wake)  # before the check: a verdict written in between still wakes us
        try:
            if timeout > 0 and not await asyncio.to_thread(self._done, attempt_id):
                await asyncio.wait_for(done.wait(), timeout)
        except TimeoutError:
            pass
        finally:
            self._remove(attempt_id, wake)

    def _wake(self, attempt_id: int | None) -> None:
        with self._lock:
            wakes = [w for a, ws in self._waiters.items() if attempt_id in (None, a) for w in ws]
        for wake in wakes:
            wake()

    def _listen_forever(self) -> None:
        while not self._closing.is_set():
            try:
                with psycopg.connect(self.conninfo, autocommit=True) as connection:
                    connection.execute(f"LISTEN {CHANNEL}")
                    self._listening.set()
                    self._wake(None)  # verdicts written while we were not listening: every waiter looks again
                    while not self._closing.is_set():
                        for note in connection.notifies(timeout=0.5):
                            self._wake(int(note.payload) if note.payload.isdigit() else None)
            except psycopg.Error as exc:
                log.warning("lost the %s listener (%s); reconnecting", CHANNEL, exc)
                self._closing.wait(1.0)

    def close(self) -> None:
        self._closing.set()
        if self._listener is not None:
            self._listener.join(timeout=5)


def _grade_or_crash(spec: grader.ProblemSpec, source: str, mode: str) -> dict:
    marker = os.environ.get(CRASH_ON_ENV)
    if marker and marker in source:
        log.error("test mode: %s=%r found in the code; exiting mid-grade", CRASH_ON_ENV, marker)
        os._exit(70)
    return grading.grade_now(spec, source, mode)


def give_up(make_session: sessionmaker[Session], attempt_id: int, tries: int, message: str = GAVE_UP) -> None:
    """End an attempt that kept killing its worker (or whose grade could not be saved) as internal_error, unless
    it has a verdict by now."""
    with make_session() as session:
        slug = session.scalar(
            select(Problem.slug).join(Attempt, Attempt.problem_id == Problem.id).where(Attempt.id == attempt_id)
        )
        report = grader.Report.failure(
            slug or "?", grader.Verdict.INTERNAL_ERROR, message.format(tries=tries), 0
        ).to_dict()
        if grading.store_result(session=session, attempt_id=attempt_id, report=report):
            notify_graded(session, attempt_id)
        session.commit()


def give_up_regrade(make_session: sessionmaker[Session], item_id: int) -> None:
    """End a regrade item that kept killing its worker: the attempt keeps its earlier result."""
    from app import regrade

    with make_session() as session:
        regrade.give_up_item(session=session, item_id=item_id)
        session.commit()


async def requeue_stalled(app: procrastinate.App, make_session: sessionmaker[Session], settings: Settings) -> list:
    """Put back in the queue each job whose worker has been silent too long; end those tried too often."""
    jobs = await app.job_manager.get_stalled_jobs(queue=QUEUE, seconds_since_heartbeat=settings.worker_stalled_after_s)
    for job in jobs:
        tries = job.attempts + 1
        try:
            if job.task_name == REGRADE_TASK:
                if tries >= settings.max_grade_tries:
                    log.error("regrade item %s lost its worker %d times; leaving its attempt as it was", job.id, tries)
                    await asyncio.to_thread(give_up_regrade, make_session, job.task_kwargs["item_id"])
                    await app.job_manager.finish_job(job, status=Status.FAILED, delete_job=False)
                else:
                    await app.job_manager.retry_job(job)
                continue
            attempt_id = job.task_kwargs["attempt_id"]
            if tries >= settings.max_grade_tries:
                log.error("attempt %s lost its worker %d times; ending it as internal_error", attempt_id, tries)
                await asyncio.to_thread(give_up, make_session, attempt_id, tries)
                await app.job_manager.finish_job(job, status=Status.FAILED, delete_job=False)
            else:
                log.warning("attempt %s lost its worker (try %d); queueing it again", attempt_id, tries)
                await app.job_manager.retry_job(job)
        except procrastinate.exceptions.ConnectorException:
            log.info("job %s was handled by another worker meanwhile", job.id)  # every worker checks
    return jobs


def run_worker(settings: Settings, concurrency: int) -> None:
    """Grade jobs until SIGTERM or SIGINT, then finish the running ones and stop."""
    engine = make_engine(settings.database_url, pool_timeout_s=settings.db_pool_timeout_s)
    make_session = make_sessionmaker(engine)
    grading.configure_sandbox(slots=concurrency, unsafe=settings.sandbox_unsafe)
    grading.start_sandbox_pool(make_session)
    app = procrastinate.App(
        connector=procrastinate.PsycopgConnector(conninfo=conninfo(settings.database_url), max_size=concurrency + 4)
    )

    @app.task(name=TASK, queue=QUEUE)
    def grade(attempt_id: int) -> None:
        try:
            line = grading.grade_attempt(make_session, attempt_id, _grade_or_crash, on_stored=notify_graded)
        except Exception:  # a job that failed would leave its attempt `running` for good: end it, visibly
            log.exception("attempt %s could not be graded", attempt_id)
            give_up(make_session, attempt_id, 1, NOT_SAVED)
            raise
        if line is not None:
            log.info(json.dumps({"event": "graded", **line}))

    @app.task(name=REGRADE_TASK, queue=QUEUE)
    def regrade_item(item_id: int) -> None:
        from app import regrade

        regrade.grade_item(make_session=make_session, item_id=item_id, grade=_grade_or_crash)
        log.info(json.dumps({"event": "regraded", "item": item_id}))

    async def check_forever() -> None:
        while True:
            await asyncio.sleep(settings.worker_stalled_check_s)
            try:
                await requeue_stalled(app, make_session, settings)
            except Exception:
                log.exception("could not look for stalled jobs")

    async def main() -> None:
        async with app.open_async():
            checker = asyncio.create_task(check_forever())
            try:
                await app.run_worker_async(
                    queues=[QUEUE],
                    concurrency=concurrency,
                    wait=True,
                    update_heartbeat_interval=settings.worker_heartbeat_s,
                    stalled_worker_timeout=settings.worker_stalled_after_s,
                    shutdown_graceful_timeout=None,  # SIGTERM: finish the running grades, take no new job
                    delete_jobs="successful",
                    install_signal_handlers=True,
                )
            finally:
                checker.cancel()

    asyncio.run(main())
    engine.dispose()


@dataclass
class QueueStatus:
    queued: int
    running: int
    stalled: int
    oldest_queued_at: datetime | None
    heartbeats: list[tuple[int, datetime]]


def queue_status(database_url: str, stalled_after_s: float) -> QueueStatus:
    """Counts of the grading queue, the workers' last heartbeats, and when the oldest queued job was deferred."""
    with psycopg.connect(conninfo(database_url)) as connection:
        counts = dict(
            connection.execute(
                "SELECT status::text, count(*) FROM procrastinate_jobs WHERE queue_name = %s GROUP BY status", (QUEUE,)
            ).fetchall()
        )
        stalled = connection.execute(
            "SELECT count(*) FROM procrastinate_jobs job LEFT JOIN procrastinate_workers w ON w.id = job.worker_id "
            "WHERE job.status = 'doing' AND job.queue_name = %s "
            "AND (w.id IS NULL OR w.last_heartbeat < now() - make_interval(secs => %s))",
            (QUEUE, stalled_after_s),
        ).fetchone()[0]
        oldest = connection.execute(
            "SELECT min(e.at) FROM procrastinate_events e JOIN procrastinate_jobs job ON job.id = e.job_id "
            "WHERE job.status = 'todo' AND job.queue_name = %s AND e.type = 'deferred'",
            (QUEUE,),
        ).fetchone()[0]
        heartbeats = connection.execute("SELECT id, last_heartbeat FROM procrastinate_workers ORDER BY id").fetchall()
    return QueueStatus(counts.get("todo", 0), counts.get("doing", 0), stalled, oldest, list(heartbeats))


def apply_schema(database_url: str) -> bool:
    """Create procrastinate's tables and functions unless the database has them; True when it created them."""
    app = procrastinate.App(connector=procrastinate.SyncPsycopgConnector(conninfo=conninfo(database_url)))
    with app.open():
        if app.check_connection():
            return False
        app.schema_manager.apply_schema()
    return True
