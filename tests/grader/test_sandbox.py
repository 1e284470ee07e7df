"""The pool's own duties: a run's results come back before its child has exited, yet no child outlives
its slot; concurrent runs keep to their own slots."""

from grader import find_problem, grade
from grader.result import Verdict
from grader.slots import CGROUP_ROOT

LINGER = """
import os

def _spin(*args):
    while True:
        pass

def lora_forward(x, W, A, B, alpha, r):
    os._exit = _spin  # the harness's own exit now never returns: the child outlives its results
    return x @ W.T + (alpha / r) * (x @ A.T) @ B.T
"""


def _slot_procs(pool) -> list[str]:
    return [open(f"{CGROUP_ROOT}/pids/rankup/u{s.uid}/cgroup.procs").read().split() for s in pool.slots]


def test_a_child_that_lingers_after_its_results_is_killed_before_its_slot_is_reused(pool):
    spec = find_problem("lora-forward")
    report = grade(spec, LINGER, mode="run", pool=pool)
    assert report.verdict == Verdict.ACCEPTED
    assert pool.wait_idle()
    assert _slot_procs(pool) == [[] for _ in pool.slots]
    for _ in range(2 * len(pool.slots)):
        assert grade(spec, spec.reference, pool=pool).accepted


def test_clean_runs_release_their_slots(pool):
    spec = find_problem("lora-forward")
    for _ in range(5):
        assert grade(spec, spec.reference, pool=pool).accepted
    assert pool.wait_idle() and _slot_procs(pool) == [[] for _ in pool.slots]
