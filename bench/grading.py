"""Measure grading speed: warm-pool latency and throughput for the seed problems against a naive
fresh-`python`-per-submission baseline, in one run. Prints figures; asserts nothing.

    .venv/bin/python bench/grading.py [--n 200]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from grader import find_problem, grade, prepare
from grader.sandbox import Pool

SEEDS = ["low-rank-approximation", "lora-forward", "ngram-perplexity", "distillation-loss"]
SEEDS = [s for s in SEEDS if (Path(__file__).parent.parent / "problems" / s / "statement.md").exists()]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def timed_grades(spec, source, n: int, concurrency: int, pool: Pool) -> tuple[list[float], float]:
    def one(_):
        start = time.perf_counter()
        report = grade(spec, source, pool=pool)
        assert report.accepted, report.to_json()
        return (time.perf_counter() - start) * 1000

    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as executor:
        latencies = list(executor.map(one, range(n)))
    return latencies, n / (time.perf_counter() - start)


def naive_baseline(spec, n: int) -> list[float]:
    """A fresh interpreter per submission that imports numpy/torch and runs the reference once per case."""
    module = "torch" if spec.flavour == "torch" else "numpy"
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "run.py"
        script.write_text(f"import {module}\nimport numpy as np\n" + spec.reference + f"\n_ = {spec.entry}\n")
        latencies = []
        for _ in range(n):
            start = time.perf_counter()
            subprocess.run([sys.executable, str(script)], check=True, capture_output=True)
            latencies.append((time.perf_counter() - start) * 1000)
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200, help="graded submissions per problem and concurrency")
    parser.add_argument("--naive", type=int, default=10, help="naive runs per problem (torch: a third)")
    args = parser.parse_args()
    pool = Pool(slots=2)
    pool.start()
    trivial = "def f():\n    return 0\n"
    for _ in range(20):
        pool.run("numpy", trivial, "f", [{}], time_ms=1000, memory_mb=256)
    overhead = []
    for _ in range(200):
        start = time.perf_counter()
        pool.run("numpy", trivial, "f", [{}], time_ms=1000, memory_mb=256)
        overhead.append((time.perf_counter() - start) * 1000)
    print(
        f"sandbox overhead per run (fork, all protections, one trivial call): "
        f"p50 {percentile(overhead, 0.5):.1f} ms, p95 {percentile(overhead, 0.95):.1f} ms"
    )
    print(
        f"{'problem':24} {'tests':>5} {'c=1 p50':>9} {'c=1 p95':>9} {'c=1 /s':>8} {'c=2 p50':>9} {'c=2 p95':>9} "
        f"{'c=2 /s':>8} {'naive p50':>10} {'speed-up':>9}"
    )
    for slug in SEEDS:
        spec = find_problem(slug)
        cases = prepare(spec, pool)
        grade(spec, spec.reference, pool=pool)
        lat1, rate1 = timed_grades(spec, spec.reference, args.n, 1, pool)
        lat2, rate2 = timed_grades(spec, spec.reference, args.n, 2, pool)
        naive = naive_baseline(spec, max(3, args.naive // 3) if spec.flavour == "torch" else args.naive)
        p50 = percentile(lat1, 0.5)
        print(
            f"{slug:24} {len(cases):5d} {p50:7.1f}ms {percentile(lat1, 0.95):7.1f}ms {rate1:8.1f} "
            f"{percentile(lat2, 0.5):7.1f}ms {percentile(lat2, 0.95):7.1f}ms {rate2:8.1f} "
            f"{statistics.median(naive):8.0f}ms {statistics.median(naive) / p50:8.1f}x"
        )
    pool.close()


if __name__ == "__main__":
    main()
