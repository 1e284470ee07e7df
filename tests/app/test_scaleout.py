"""The procrastinate backend (app/distributed.py) with real processes: `rankup serve` web nodes and `rankup worker`
grading processes on the throwaway PostgreSQL cluster (tests/app/postgres.py), talked to over HTTP."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from app.cli import cli
from tests.app.conftest import add_sample_problems
from tests.app.webapp import ADD_ONE_CORRECT, ADD_ONE_WRONG, SECRET

POISON = "# rankup-test-poison"
CRASHING = "def add_one(x):\n    raise ValueError('boom')\n"
SLOW = "import time\n\ndef add_one(x):\n    time.sleep(0.3)\n    return x + 1\n"
CODE = {"accepted": ADD_ONE_CORRECT, "wrong_answer": ADD_ONE_WRONG, "runtime_error": CRASHING}
HANG_BOUND_S = 90  # a verdict that takes longer than this fails the test (a hang, not a timing measure)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """Web nodes and workers as subprocesses sharing one PostgreSQL database; their output goes to files."""

    def __init__(self, url: str, root: Path, **env: str):
        self.url = url
        self.root = root
        self.env = {
            **os.environ,
            "RANKUP_DATABASE_URL": url,
            "RANKUP_GRADING_BACKEND": "procrastinate",
            "RANKUP_SECRET_KEY": SECRET,
            "RANKUP_SECRET_KEY_FILE": str(root / "secret"),
            "RANKUP_WORKER_HEARTBEAT_S": "0.5",
            "RANKUP_WORKER_STALLED_AFTER_S": "2",
            "RANKUP_WORKER_STALLED_CHECK_S": "0.5",
            "RANKUP_SUBMIT_RATE_LIMIT": "1000",
            "RANKUP_MAX_QUEUED_PER_USER": "1000",
            "RANKUP_TEST_CRASH_ON": POISON,
            **env,
        }
        self.nodes: list[tuple[subprocess.Popen, str]] = []
        self.workers: list[subprocess.Popen] = []
        self.logs: list[Path] = []

    def rankup(self, *args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-c", "from app.cli import main; main()", *args]
        return subprocess.run(command, env=self.env, capture_output=True, text=True, timeout=120)

    def _spawn(self, name: str, *args: str) -> subprocess.Popen:
        log = self.root / f"{name}-{len(self.logs)}.log"
        self.logs.append(log)
        with log.open("w") as out:
            return subprocess.Popen(
                [sys.executable, "-c", "from app.cli import main; main()", *args],
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def serve(self) -> str:
        port = free_port()
        process = self._spawn("serve", "serve", "--port", str(port))
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, self.output()
            try:
                if httpx.get(base + "/api/problems", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the web node did not start"
            time.sleep(0.1)
        self.nodes.append((process, base))
        return base

    def worker(self, concurrency: int = 2) -> subprocess.Popen:
        process = self._spawn("worker", "worker", "--concurrency", str(concurrency))
        self.workers.append(process)
        return process

    def output(self) -> str:
        return "\n".join(f"--- {log.name}\n{log.read_text(errors='replace')[-3000:]}" for log in self.logs)

    def graded_lines(self) -> list[dict]:
        """Every worker's structured `graded` log lines."""
        found = []
        for log in self.logs:
            for line in log.read_text(errors="replace").splitlines():
                if '{"event": "graded"' in line:
                    found.append(json.loads(line[line.index("{") :]))
        return found

    def stop(self) -> None:
        for process in [p for p, _ in self.nodes] + self.workers:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in [p for p, _ in self.nodes] + self.workers:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture
def make_cluster(pg_url, tmp_path):
    add_sample_problems(pg_url)
    clusters = []

    def make(**env: str) -> Cluster:
        cluster = Cluster(pg_url, tmp_path, **env)
        upgraded = cluster.rankup("db", "upgrade")
        assert upgraded.returncode == 0, upgraded.stderr
        for name in ("ann", "bob", "cat", "dan"):
            cluster.rankup("users", "create", name, "--password", "password123")
        clusters.append(cluster)
        return cluster

    yield make
    for cluster in clusters:
        cluster.stop()


def token(base: str, name: str) -> dict[str, str]:
    response = httpx.post(base + "/api/token", data={"username": name, "password": "password123"})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def submit(base: str, headers: dict, code: str) -> httpx.Response:
    return httpx.post(base + "/api/problems/add-one/submissions", headers=headers, json={"code": code}, timeout=30)


def wait_verdict(base: str, headers: dict, attempt_id: int, cluster: Cluster | None = None) -> dict:
    deadline = time.monotonic() + HANG_BOUND_S
    while True:
        body = httpx.get(f"{base}/api/submissions/{attempt_id}?wait=10", headers=headers, timeout=30).json()
        if body.get("status") == "done":
            return body
        assert time.monotonic() < deadline, f"attempt {attempt_id} got no verdict: {body}\n" + (
            cluster.output() + "\n" + str(database_rows(cluster.url, JOBS)) if cluster else ""
        )


JOBS = "SELECT id, status, task_name, args, attempts, worker_id FROM procrastinate_jobs ORDER BY id"


def database_rows(url: str, query: str) -> list:
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(text(query)).all()
    engine.dispose()
    return rows


def assert_no_job_left(url: str) -> None:
    assert database_rows(url, "SELECT id, status FROM procrastinate_jobs WHERE status IN ('todo', 'doing')") == []


def test_serve_refuses_procrastinate_on_sqlite(tmp_path, monkeypatch):
    monkeypatch.setenv("RANKUP_DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    monkeypatch.setenv("RANKUP_GRADING_BACKEND", "procrastinate")
    for command in (["serve"], ["worker"], ["db", "upgrade"], ["queue", "status"]):
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 2 and "needs PostgreSQL" in result.output, (command, result.output)
        assert len(result.output.strip().splitlines()) == 1


def test_end_to_end_two_web_nodes_two_workers(make_cluster):
    """200 submissions from four users through both web nodes, accepted, wrong and crashing code: each attempt gets
    exactly one verdict, the right one, graded once."""
    cluster = make_cluster()
    nodes = [cluster.serve(), cluster.serve()]
    cluster.worker()
    cluster.worker()
    users = {name: token(nodes[0], name) for name in ("ann", "bob", "cat", "dan")}
    expected: dict[int, tuple[str, dict, str]] = {}
    for n in range(200):
        name, verdict, base = ("ann", "bob", "cat", "dan")[n % 4], list(CODE)[n % 3], nodes[n % 2]
        response = submit(base, users[name], CODE[verdict])
        assert response.status_code == 202, response.text
        expected[response.json()["id"]] = (verdict, users[name], nodes[(n + 1) % 2])  # read from the other node
    for attempt_id, (verdict, headers, base) in expected.items():
        assert wait_verdict(base, headers, attempt_id)["verdict"] == verdict, cluster.output()
    graded = Counter(line["attempt"] for line in cluster.graded_lines())
    assert graded == Counter(dict.fromkeys(expected, 1)), cluster.output()
    assert {line["problem"] for line in cluster.graded_lines()} == {"add-one"}
    fields = {"event", "attempt", "problem", "verdict", "queue_wait_ms", "grade_ms", "store_ms"}
    assert all(set(line) == fields for line in cluster.graded_lines())
    assert_no_job_left(cluster.url)
    status = cluster.rankup("queue", "status")
    assert status.returncode == 0 and "queued: 0\nrunning: 0\nstalled: 0" in status.stdout, status.stderr
    assert "workers: 2" in status.stdout and "last heartbeat" in status.stdout


def test_long_poll_on_one_node_wakes_for_a_verdict_written_by_a_worker(make_cluster):
    cluster = make_cluster()
    base = cluster.serve()
    headers = token(base, "ann")
    attempt_id = submit(base, headers, ADD_ONE_CORRECT).json()["id"]
    cluster.worker()
    body = httpx.get(f"{base}/api/submissions/{attempt_id}?wait=30", headers=headers, timeout=60).json()
    assert body["status"] == "done" and body["verdict"] == "accepted"  # one poll: woken by NOTIFY, not timed out


def test_killed_worker_jobs_are_graded_by_the_survivor(make_cluster):
    cluster = make_cluster()
    base = cluster.serve()
    victim = cluster.worker()
    headers = token(base, "ann")
    ids = [submit(base, headers, SLOW).json()["id"] for _ in range(6)]
    deadline = time.monotonic() + HANG_BOUND_S
    while not database_rows(cluster.url, "SELECT id FROM procrastinate_jobs WHERE status = 'doing'"):
        assert time.monotonic() < deadline, cluster.output()
        time.sleep(0.05)
    victim.kill()  # SIGKILL mid-grade
    victim.wait()
    cluster.worker()
    for attempt_id in ids:
        assert wait_verdict(base, headers, attempt_id, cluster)["verdict"] == "accepted", cluster.output()
    graded = Counter(line["attempt"] for line in cluster.graded_lines())
    assert set(graded) == set(ids) and max(graded.values()) == 1, cluster.output()
    assert "lost its worker (try 1)" in cluster.output()
    assert_no_job_left(cluster.url)


def test_killed_web_node_loses_nothing(make_cluster):
    """Kill -9 a web node while submissions are in flight: every stored attempt still gets its verdict, and
    every job has its attempt (they are written in one transaction)."""
    cluster = make_cluster()
    victim = cluster.serve()
    survivor = cluster.serve()
    headers = token(survivor, "bob")

    def fire() -> None:
        try:
            submit(victim, headers, ADD_ONE_CORRECT)
        except httpx.TransportError:
            pass  # the node died before answering

    threads = [threading.Thread(target=fire) for _ in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(0.05)
    cluster.nodes[0][0].kill()
    for thread in threads:
        thread.join()
    cluster.worker()
    stored = [row[0] for row in database_rows(cluster.url, "SELECT id FROM attempt ORDER BY id")]
    jobs = database_rows(cluster.url, "SELECT (args->>'attempt_id')::int FROM procrastinate_jobs ORDER BY 1")
    assert [row[0] for row in jobs] == stored
    for attempt_id in stored:
        assert wait_verdict(survivor, headers, attempt_id)["verdict"] == "accepted", cluster.output()


def test_poison_job_ends_as_internal_error(make_cluster):
    """Code that kills its worker every time (test mode) is tried three times, then ends as internal_error."""
    cluster = make_cluster()
    base = cluster.serve()
    headers = token(base, "cat")
    attempt_id = submit(base, headers, ADD_ONE_CORRECT + POISON + "\n").json()["id"]
    good_id = submit(base, headers, ADD_ONE_CORRECT).json()["id"]
    cluster.worker(concurrency=1)
    deadline = time.monotonic() + HANG_BOUND_S
    while True:  # restart each worker the poison kills, as a supervisor would
        body = httpx.get(f"{base}/api/submissions/{attempt_id}?wait=2", headers=headers, timeout=30).json()
        if body["status"] == "done":
            break
        if all(worker.poll() is not None for worker in cluster.workers):
            cluster.worker(concurrency=1)
        assert time.monotonic() < deadline, cluster.output()
    assert body["verdict"] == "internal_error" and "stopped the grading worker 3 times" in json.dumps(body["report"])
    assert sum(worker.returncode == 70 for worker in cluster.workers) == 3, cluster.output()
    if all(worker.poll() is not None for worker in cluster.workers):
        cluster.worker(concurrency=1)
    assert wait_verdict(base, headers, good_id)["verdict"] == "accepted"
    assert_no_job_left(cluster.url)


def test_rate_limit_holds_across_web_nodes(make_cluster):
    cluster = make_cluster(RANKUP_SUBMIT_RATE_LIMIT="3", RANKUP_SUBMIT_RATE_WINDOW_S="600")
    nodes = [cluster.serve(), cluster.serve()]
    headers = token(nodes[0], "dan")
    answers = [submit(nodes[n % 2], headers, ADD_ONE_CORRECT) for n in range(5)]
    assert [a.status_code for a in answers] == [202, 202, 202, 429, 429]
    assert int(answers[3].headers["Retry-After"]) >= 1 and "at most 3 per 600 s" in answers[3].json()["detail"]
    assert database_rows(cluster.url, "SELECT count(*) FROM attempt")[0][0] == 3  # a refusal stores nothing


def test_regrade_items_wait_for_submissions_then_finish(make_cluster):
    """A regrade's items are jobs at low priority: a worker takes a learner's submission first, even one deferred
    after them, then grades the items; the regrade finishes and keeps each attempt's earlier report."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from app.db import make_sessionmaker
    from app.distributed import ProcrastinateGradingQueue
    from app.models import Problem, Regrade, RegradeItem, User
    from app.regrade import start_regrade

    cluster = make_cluster()
    base = cluster.serve()
    headers = token(base, "ann")
    first = submit(base, headers, ADD_ONE_WRONG).json()["id"]
    cluster.worker(concurrency=1)
    assert wait_verdict(base, headers, first)["verdict"] == "wrong_answer"
    cluster.workers[0].send_signal(signal.SIGTERM)
    cluster.workers[0].wait(timeout=30)
    engine = create_engine(cluster.url)
    with Session(engine) as session:
        problem = session.scalar(select(Problem).where(Problem.slug == "add-one"))
        ann = session.scalar(select(User).where(User.username == "ann"))
        regrade, items = start_regrade(session=session, user=ann, problem=problem, course_id=None)
        session.commit()
        regrade_id, item_ids = regrade.id, list(items)
    queue = ProcrastinateGradingQueue(make_sessionmaker(engine), cluster.url)
    for item_id in item_ids:
        queue.submit_regrade(item_id)
    later = submit(base, headers, ADD_ONE_CORRECT).json()["id"]  # deferred after the items, at normal priority
    cluster.worker(concurrency=1)
    assert wait_verdict(base, headers, later)["verdict"] == "accepted"
    deadline = time.monotonic() + HANG_BOUND_S
    while database_rows(cluster.url, f"SELECT finished_at FROM regrade WHERE id = {regrade_id}")[0][0] is None:
        assert time.monotonic() < deadline, cluster.output()
        time.sleep(0.2)
    with Session(engine) as session:
        item = session.scalar(select(RegradeItem).where(RegradeItem.regrade_id == regrade_id))
        assert item.old_verdict == "wrong_answer" and item.new_verdict == "wrong_answer" and item.old_report
        assert session.get(Regrade, regrade_id).total == len(item_ids) == 1
    engine.dispose()
    lines = [line for log in cluster.logs for line in log.read_text().splitlines() if '{"event": ' in line]
    events = [json.loads(line[line.index("{") :]) for line in lines]
    order = [e["event"] for e in events if e.get("attempt") == later or e["event"] == "regraded"]
    assert order == ["graded", "regraded"], events
    assert_no_job_left(cluster.url)
