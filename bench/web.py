"""Measure the web app end to end: submit -> verdict latency, sustained graded submissions, page render time.

Starts the real server (`rankup serve`) on a fresh SQLite file, imports the bank, and prints one table.
Usage: .venv/bin/python bench/web.py [--seconds 10] [--submissions 40]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
RANKUP = str(Path(sys.executable).parent / "rankup")
PROBLEM = "low-rank-approximation"
CODE = (ROOT / "problems" / PROBLEM / "reference.py").read_text()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def token(base: str, name: str) -> str:
    response = httpx.post(f"{base}/api/token", data={"username": name, "password": "password123"})
    response.raise_for_status()
    return response.json()["access_token"]


def submit_and_wait(client: httpx.Client) -> tuple[float, str]:
    started = time.perf_counter()
    queued = client.post(f"/api/problems/{PROBLEM}/submissions", json={"code": CODE, "mode": "submit"})
    queued.raise_for_status()
    attempt_id = queued.json()["id"]
    while True:
        body = client.get(f"/api/submissions/{attempt_id}", params={"wait": 10}).json()
        if body["status"] == "done":
            return (time.perf_counter() - started) * 1000, body["verdict"]


def run_clients(base: str, tokens: list[str], per_client: int | None, seconds: float | None):
    """Each client submits in a loop; returns (latencies ms, verdicts, wall seconds)."""
    latencies: list[float] = []
    verdicts: list[str] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds if seconds else None

    def client_loop(tok: str) -> None:
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {tok}"}, timeout=60) as client:
            n = 0
            while (per_client is None or n < per_client) and (deadline is None or time.perf_counter() < deadline):
                ms, verdict = submit_and_wait(client)
                with lock:
                    latencies.append(ms)
                    verdicts.append(verdict)
                n += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client_loop, args=(t,)) for t in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, verdicts, time.perf_counter() - started


def library_baseline(n: int) -> list[float]:
    """The same grading without HTTP, queue or database: grader.grade() on a warm pool in this process."""
    from grader import find_problem, grade
    from grader.sandbox import Pool

    pool = Pool(slots=2)
    try:
        spec = find_problem(PROBLEM)
        for _ in range(5):
            grade(spec, spec.reference, pool=pool)
        latencies = []
        for _ in range(n):
            started = time.perf_counter()
            assert grade(spec, spec.reference, pool=pool).accepted
            latencies.append((time.perf_counter() - started) * 1000)
        return latencies
    finally:
        pool.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=40, help="sequential submissions at 1 client")
    parser.add_argument("--seconds", type=float, default=10.0, help="duration of the 16-client sustained run")
    parser.add_argument("--pages", type=int, default=200, help="problem page renders to time")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="rankup-bench-"))
    env = {
        **os.environ,
        "RANKUP_DATABASE_URL": f"sqlite:///{work / 'bench.db'}",
        "RANKUP_SECRET_KEY_FILE": str(work / "secret"),
        "RANKUP_SUBMIT_RATE_LIMIT": "1000000",
    }
    for command in (["db", "upgrade"], ["problems", "import"]):
        subprocess.run([RANKUP, *command], env=env, check=True, capture_output=True)
    for n in range(16):
        subprocess.run(
            [RANKUP, "users", "create", f"bench{n}", "--password", "password123"],
            env=env,
            check=True,
            capture_output=True,
        )
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [RANKUP, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/api/problems", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        tokens = [token(base, f"bench{n}") for n in range(16)]
        # Warm up: the sandbox zygotes, the test-case cache, the page's samples.
        run_clients(base, tokens[:2], per_client=3, seconds=None)
        httpx.get(f"{base}/problems/{PROBLEM}")

        one, one_verdicts, _ = run_clients(base, tokens[:1], per_client=args.submissions, seconds=None)
        many, many_verdicts, _ = run_clients(base, tokens, per_client=max(2, args.submissions // 8), seconds=None)
        sustained, sustained_verdicts, wall = run_clients(base, tokens, per_client=None, seconds=args.seconds)

        page_ms, static_ms = [], []
        with httpx.Client(base_url=base) as client:
            for _ in range(args.pages):
                started = time.perf_counter()
                client.get(f"/problems/{PROBLEM}").raise_for_status()
                page_ms.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                client.get("/static/style.css").raise_for_status()  # baseline: the same server, no template
                static_ms.append((time.perf_counter() - started) * 1000)
    finally:
        server.terminate()
        server.wait(timeout=30)
    library_ms = library_baseline(args.submissions)

    accepted = sum(v == "accepted" for v in one_verdicts + many_verdicts + sustained_verdicts)
    total = len(one_verdicts) + len(many_verdicts) + len(sustained_verdicts)
    print(f"RankUp web bench ({os.cpu_count()} CPUs), problem {PROBLEM}, reference solution over HTTP")
    print(f"{'measure':44} {'value':>12}")
    print(f"{'submit -> verdict p50, 1 client':44} {statistics.median(one):>9.1f} ms")
    print(f"{'submit -> verdict p95, 1 client':44} {percentile(one, 0.95):>9.1f} ms")
    print(f"{'submit -> verdict p50, 16 clients':44} {statistics.median(many):>9.1f} ms")
    print(f"{'submit -> verdict p95, 16 clients':44} {percentile(many, 0.95):>9.1f} ms")
    print(
        f"{'sustained graded submissions/s (16 clients)':44} {len(sustained) / wall:>11.1f}/s"
        f"  ({len(sustained)} in {wall:.1f} s)"
    )
    print(
        f"{'baseline: grader.grade() in-process p50':44} {statistics.median(library_ms):>9.1f} ms"
        f"  (HTTP+queue+DB cost {statistics.median(one) / statistics.median(library_ms):.2f}x of it)"
    )
    print(f"{'problem page render p50':44} {statistics.median(page_ms):>9.1f} ms")
    print(f"{'problem page render p95':44} {percentile(page_ms, 0.95):>9.1f} ms")
    print(
        f"{'baseline: static file p50, same server':44} {statistics.median(static_ms):>9.1f} ms"
        f"  (page {statistics.median(page_ms) / statistics.median(static_ms):.2f}x of it)"
    )
    print(
        f"verdicts: {accepted}/{total} accepted, {total - accepted} other (nothing lost: every submission "
        "reached a verdict)"
    )


if __name__ == "__main__":
    main()
