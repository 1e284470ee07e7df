"""Compare the grading backends on one machine, as a learner sees them: the thread backend on SQLite, then
procrastinate on a throwaway PostgreSQL with one and with two `rankup worker` processes (one `rankup serve` each).
Prints a Markdown table for the README: submit->verdict p50/p95 with 1 client, graded submissions per second with 16
clients, and the queue wait p50 (from the workers' log lines). Asserts nothing. Needs the PostgreSQL binaries.

    .venv/bin/python bench/scale.py [--sequential 30] [--seconds 20]
"""

from __future__ import annotations

import argparse
import os
import pwd
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from app.auth import create_user  # noqa: E402
from app.cli import upgrade_database  # noqa: E402
from app.db import make_engine, make_sessionmaker  # noqa: E402
from tests.app.conftest import add_sample_problems  # noqa: E402
from tests.app.postgres import SUPERUSER, PostgresCluster, find_bin_dir  # noqa: E402
from tests.app.test_scaleout import Cluster, token  # noqa: E402
from tests.app.webapp import ADD_ONE_CORRECT  # noqa: E402

CLIENTS = 16


def prepare(url: str) -> None:
    upgrade_database(url)
    add_sample_problems(url)
    engine = make_engine(url)
    with make_sessionmaker(engine)() as session:
        for n in range(CLIENTS):
            create_user(session=session, username=f"client{n}", password="password123")
        session.commit()
    engine.dispose()


def submit_and_wait(client: httpx.Client) -> bool:
    """One submission and its long-poll on a kept-alive connection, as a browser's page makes them; False when
    the submission was refused."""
    response = client.post("/api/problems/add-one/submissions", json={"code": ADD_ONE_CORRECT})
    if response.status_code != 202:
        return False
    while client.get(f"/api/submissions/{response.json()['id']}?wait=10").json()["status"] != "done":
        pass
    return True


def measure(cluster: Cluster, base: str, sequential: int, seconds: float) -> dict:
    clients = [httpx.Client(base_url=base, headers=token(base, f"client{n}"), timeout=60) for n in range(CLIENTS)]
    for _ in range(3):  # warm up: zygotes, samples, connections
        submit_and_wait(clients[0])
    latencies = []
    for _ in range(sequential):
        started = time.perf_counter()
        submit_and_wait(clients[0])
        latencies.append((time.perf_counter() - started) * 1000)
    done = [0] * CLIENTS
    stop = time.monotonic() + seconds

    def client(n: int) -> None:
        while time.monotonic() < stop:
            done[n] += submit_and_wait(clients[n])

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    waits = [line["queue_wait_ms"] for line in cluster.graded_lines()]
    return {
        "p50": statistics.median(latencies),
        "p95": statistics.quantiles(latencies, n=20)[18],
        "throughput": sum(done) / (time.monotonic() - began),
        "wait": statistics.median(waits) if waits else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sequential", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    bin_dir = find_bin_dir()
    if bin_dir is None:
        sys.exit("bench/scale.py needs the PostgreSQL binaries (initdb, pg_ctl)")
    run_as = SUPERUSER if os.geteuid() == 0 else None
    root = Path(tempfile.mkdtemp(prefix="rankup-bench-", dir="/tmp"))
    if run_as:
        os.chown(root, pwd.getpwnam(run_as).pw_uid, pwd.getpwnam(run_as).pw_gid)
    postgres = PostgresCluster(bin_dir, root, run_as)
    postgres.start()
    rows = []
    try:
        for label, workers in (("thread, SQLite", 0), ("procrastinate, 1 worker", 1), ("procrastinate, 2 workers", 2)):
            work = Path(tempfile.mkdtemp(prefix="rankup-bench-run-"))
            url = f"sqlite:///{work / 'rankup.db'}" if workers == 0 else postgres.url(postgres.create_database())
            prepare(url)
            backend = "thread" if workers == 0 else "procrastinate"
            cluster = Cluster(url, work, RANKUP_GRADING_BACKEND=backend, RANKUP_SANDBOX_SLOTS="2")
            try:
                if workers:
                    assert cluster.rankup("db", "upgrade").returncode == 0
                base = cluster.serve()
                for _ in range(workers):
                    cluster.worker(concurrency=2)
                result = measure(cluster, base, args.sequential, args.seconds)
            finally:
                cluster.stop()
                shutil.rmtree(work, ignore_errors=True)
            wait = "-" if result["wait"] is None else f"{result['wait']:.1f} ms"
            rows.append(
                f"| {label} | {result['p50']:.0f} ms | {result['p95']:.0f} ms | {result['throughput']:.1f}/s | {wait} |"
            )
            print(rows[-1], file=sys.stderr, flush=True)
    finally:
        postgres.stop()
        shutil.rmtree(root, ignore_errors=True)
    print("| backend | p50, 1 client | p95, 1 client | graded/s, 16 clients | queue wait p50 |")
    print("| --- | --- | --- | --- | --- |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
