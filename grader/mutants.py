"""Recognise a learner's mistake on the visible samples: the known-wrong solutions' outputs there (computed in the
sandbox once per problem version, cached), the rule that matches a learner's answers against them, and the
generic numeric diagnosis (`grader.diagnosis.numeric`) when no known mistake matches.

The matching rule. A known-wrong solution ("mutant") takes part when its sidecar pins `wrong_answer` and gives a
diagnosis. It matches a learner when, on every visible sample where the learner returned a value,

- the mutant returned a value too, and the problem's checker accepts the learner's value with the mutant's value
  as the expected one (with the checker's tolerance), and
- on the samples the learner gets wrong, the mutant is wrong as well (so tolerance cannot chain a near-correct
  mutant to a wrong answer).

Agreeing on the samples the learner passes matters: a mutant that is wrong where the learner is right makes a
different mistake, and naming it would be wrong. Several matches are indistinguishable on the samples, so the
diagnosis names all of them ("either ... or ..."), never just one by chance. Hidden tests take no part: only the
visible samples' outputs are ever computed, kept or compared here.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from dataclasses import dataclass

from cachetools import LRUCache

from grader import checkers, diagnosis
from grader.diagnosis import Diagnosis, DiagnosisKind
from grader.job import CaseKind
from grader.result import Verdict
from grader.sandbox import Pool
from grader.spec import ProblemSpec, WrongSolution

log = logging.getLogger("rankup.grader")
CACHE_SIZE = 1024  # one entry per (problem version, wrong solution); samples are small


@dataclass(frozen=True)
class MutantOutputs:
    """A wrong solution's outputs on the visible samples, in order; `returned[i]` is False where it returned no
    value (it raised, timed out, or returned something the wire cannot carry)."""

    name: str
    values: tuple[object, ...]
    returned: tuple[bool, ...]


@dataclass(frozen=True)
class Answer:
    """The learner's answer on one visible sample, as the judge saw it."""

    args: dict
    expected: object
    verdict: Verdict
    value: object = None
    returned: bool = False  # a value came back (CaseKind.RESULT)

    @property
    def wrong(self) -> bool:
        return self.returned and self.verdict == Verdict.WRONG_ANSWER


_cache: LRUCache = LRUCache(maxsize=CACHE_SIZE)
_cache_lock = threading.Lock()
_compute_locks: dict[str, threading.Lock] = {}


def candidates(spec: ProblemSpec) -> list[WrongSolution]:
    """The wrong solutions that take part in matching: pinned `wrong_answer`, with a diagnosis."""
    return [
        w for w in spec.wrong_solutions.values() if w.verdict == Verdict.WRONG_ANSWER and w.diagnosis and w.diagnosis_zh
    ]


def cache_key(spec: ProblemSpec, wrong: WrongSolution) -> str:
    """The problem version (its tests key) and the wrong file's own hash."""
    return f"{spec.slug}:{spec.tests_key}:{hashlib.sha256(wrong.source.encode()).hexdigest()[:32]}"


def mutant_outputs(spec: ProblemSpec, samples: list[dict], pool: Pool) -> list[MutantOutputs]:
    """Each candidate's outputs on the visible samples' arguments `samples`, computed once per key and cached."""
    return [_outputs(spec, wrong, samples, pool) for wrong in candidates(spec)]


def _outputs(spec: ProblemSpec, wrong: WrongSolution, samples: list[dict], pool: Pool) -> MutantOutputs:
    key = cache_key(spec, wrong)
    with _cache_lock:
        if key in _cache:
            return _cache[key]
        lock = _compute_locks.setdefault(key, threading.Lock())
    try:
        with lock:  # concurrent graders of one problem share one computation
            with _cache_lock:
                if key in _cache:
                    return _cache[key]
            outputs = _run(spec, wrong, samples, pool)
            with _cache_lock:
                _cache[key] = outputs
            return outputs
    finally:
        with _cache_lock:
            if _compute_locks.get(key) is lock and not lock.locked():
                del _compute_locks[key]


def _run(spec: ProblemSpec, wrong: WrongSolution, samples: list[dict], pool: Pool) -> MutantOutputs:
    """Run one wrong solution on the samples in the sandbox; only plain decoded values come back."""
    outcome = pool.run(
        spec.flavour, wrong.source, spec.entry, samples, time_ms=spec.limits.time_ms, memory_mb=spec.limits.memory_mb
    )
    values: list[object] = [None] * len(samples)
    returned = [False] * len(samples)
    for case in outcome.cases:
        if case.kind == CaseKind.RESULT and 0 <= case.index < len(samples):
            values[case.index], returned[case.index] = case.value, True
    return MutantOutputs(wrong.stem, tuple(values), tuple(returned))


def _tolerance(spec: ProblemSpec) -> tuple[float, float]:
    if spec.checker == "exact":
        return 0.0, 0.0
    return float(spec.checker_params.get("rtol", 1e-9)), float(spec.checker_params.get("atol", 1e-12))


def same(spec: ProblemSpec, got, other, args: dict) -> bool:
    """Whether the problem's checker accepts `got` with `other` as the expected value."""
    if spec.checker == "low_rank":  # it ignores `expected` (any optimal answer passes): compare the values
        rtol = max(float(spec.checker_params.get("rtol", 1e-8)), 1e-6)
        return checkers.allclose(got, other, params={"rtol": rtol, "atol": rtol}).ok
    return checkers.check(spec.checker, got, other, args=args, params=spec.checker_params).ok


def correct(spec: ProblemSpec, value, answer: Answer) -> bool:
    return checkers.check(spec.checker, value, answer.expected, args=answer.args, params=spec.checker_params).ok


def matches(spec: ProblemSpec, mutant: MutantOutputs, answers: list[Answer]) -> bool:
    """The module's matching rule: equal wherever the learner returned a value, and wrong where the learner is."""
    compared = [(i, a) for i, a in enumerate(answers) if a.returned]
    if not any(a.wrong for _, a in compared):
        return False
    for i, answer in compared:
        if i >= len(mutant.returned) or not mutant.returned[i]:
            return False
        if not same(spec, answer.value, mutant.values[i], answer.args):
            return False
        if answer.wrong and correct(spec, mutant.values[i], answer):
            return False
    return True


def mistake(spec: ProblemSpec, mutants: list[MutantOutputs], answers: list[Answer]) -> Diagnosis | None:
    """The known mistake(s) the learner's visible answers match, or None."""
    wrong = spec.wrong_solutions
    found = [wrong[m.name + ".py"] for m in mutants if matches(spec, m, answers)]
    distinct: dict[str, WrongSolution] = {}
    for w in found:  # two files with one diagnosis are one mistake
        distinct.setdefault(w.diagnosis, w)
    if not distinct:
        return None
    named = list(distinct.values())
    if len(named) == 1:
        return Diagnosis(DiagnosisKind.MISTAKE, named[0].stem, named[0].diagnosis, named[0].diagnosis_zh)
    return Diagnosis(
        DiagnosisKind.MISTAKE,
        "+".join(w.stem for w in named),
        "Each of these common mistakes gives exactly this output on the samples:\n"
        + "\n".join(f"- {w.diagnosis}" for w in named),
        "以下几种常见错误在样例上都会给出完全相同的输出：\n" + "\n".join(f"- {w.diagnosis_zh}" for w in named),
    )


def numeric(spec: ProblemSpec, answer: Answer) -> Diagnosis | None:
    """The generic numeric diagnosis of one wrong visible answer."""
    if not answer.wrong:
        return None
    rtol, atol = _tolerance(spec)
    # The visible sample's own arguments: numeric picks the parameters it knows (T, alpha, r) to name a factor.
    return diagnosis.numeric(answer.value, answer.expected, rtol=rtol, atol=atol, params=answer.args)


def diagnose(spec: ProblemSpec, answers: list[Answer], pool: Pool) -> Diagnosis | None:
    """The report's diagnosis from the learner's visible answers: a known mistake, else the numeric shape of the
    first wrong answer, else None. None too when no visible sample is answered wrong."""
    if not any(a.wrong for a in answers):
        return None
    found = mistake(spec, mutant_outputs(spec, [a.args for a in answers], pool), answers)
    return found or numeric(spec, next(a for a in answers if a.wrong))
