"""Grade a submission: prepare the cases and expected outputs (cached), run the code, check, report.

The test generator and the reference solution are instructors' code, so they run in the sandbox
too; only their plain-data results come back. Expected outputs never leave this process.
"""

from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from grader import checkers, wire
from grader.errors import SpecError
from grader.result import Report, TestResult, Verdict
from grader.sandbox import Pool, RunOutcome, default_pool
from grader.spec import ProblemSpec

GENERATOR_TIME_MS = 10_000
DISPLAY_CHARS = 1500
CACHE_SIZE = 256


@dataclass(frozen=True)
class Case:
    name: str
    hidden: bool
    args: dict
    expected: object = None


_cache: OrderedDict[str, list[Case]] = OrderedDict()
_cache_lock = threading.Lock()
_prepare_locks: dict[str, threading.Lock] = {}


def _parse_cases(value) -> list[Case]:
    """Check the generator's output shape: a list of {name, hidden, args} with unique names."""
    if type(value) is not list or not value:
        raise SpecError("", ["the generator must return a non-empty list of cases"])
    cases, names = [], set()
    for i, item in enumerate(value):
        if (
            type(item) is not dict
            or type(item.get("name")) is not str
            or type(item.get("hidden")) is not bool
            or type(item.get("args")) is not dict
            or set(item) - {"name", "hidden", "args"}
        ):
            raise SpecError("", [f"case {i} must be a dict with str `name`, bool `hidden` and dict `args`"])
        if item["name"] in names:
            raise SpecError("", [f"case name {item['name']!r} is used twice"])
        if not all(k.isidentifier() for k in item["args"]):
            raise SpecError("", [f"case {item['name']!r}: argument names must be identifiers"])
        names.add(item["name"])
        cases.append(Case(item["name"], item["hidden"], item["args"]))
    return sorted(cases, key=lambda c: c.hidden)  # samples first, order otherwise kept


def _outcome_problem(what: str, outcome: RunOutcome, cases: list[Case] | None = None) -> str | None:
    """Describe why an instructor's code run failed, or None when every case returned a value."""
    if outcome.status in ("syntax_error", "load_error"):
        return f"{what} failed to load: {outcome.message}"
    if outcome.status == "fatal":
        where = f" on case {cases[outcome.fatal_index].name!r}" if cases and outcome.fatal_index is not None else ""
        return f"{what} failed{where}: {outcome.fatal} {outcome.fatal_message}".rstrip()
    for case in outcome.cases:
        if case.kind != "result":
            name = cases[case.index].name if cases else str(case.index)
            return f"{what} failed on case {name!r}: {case.message}"
    return None


def prepare(spec: ProblemSpec, pool: Pool | None = None) -> list[Case]:
    """The problem's cases with expected outputs, computed in the sandbox once per spec version."""
    key = spec.slug + ":" + spec.tests_key
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
        lock = _prepare_locks.setdefault(key, threading.Lock())
    with lock:
        with _cache_lock:
            if key in _cache:
                return _cache[key]
        pool = pool or default_pool()
        try:
            if spec.text("cases.json").strip():
                try:
                    raw = wire.from_tagged_json(json.loads(spec.text("cases.json")))
                except (ValueError, TypeError) as exc:
                    raise SpecError(spec.slug, [f"cases.json: {exc}"]) from None
            else:
                outcome = pool.run(
                    spec.flavour,
                    spec.generator,
                    "generate",
                    [{"seed": spec.seed}],
                    time_ms=GENERATOR_TIME_MS,
                    memory_mb=max(spec.limits.memory_mb, 512),
                )
                problem = _outcome_problem("generator.py", outcome)
                if problem:
                    raise SpecError(spec.slug, [problem])
                raw = outcome.cases[0].value
            cases = _parse_cases(raw)
        except SpecError as exc:
            raise SpecError(spec.slug, exc.reasons) from None
        outcome = pool.run(
            spec.flavour,
            spec.reference,
            spec.entry,
            [c.args for c in cases],
            time_ms=spec.limits.time_ms,
            memory_mb=spec.limits.memory_mb,
        )
        problem = _outcome_problem("reference.py", outcome, cases)
        if problem:
            raise SpecError(spec.slug, [problem])
        cases = [Case(c.name, c.hidden, c.args, o.value) for c, o in zip(cases, outcome.cases, strict=True)]
        with _cache_lock:
            _cache[key] = cases
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
        return cases


def display(value, limit: int = DISPLAY_CHARS) -> str:
    """A readable, bounded rendering of a plain value (for visible tests only)."""
    if isinstance(value, wire.TensorData):
        text = (
            "tensor("
            + np.array2string(value.array, precision=6, threshold=200, separator=", ")
            + f", dtype=torch.{value.array.dtype})"
        )
    elif isinstance(value, np.ndarray):
        text = "array(" + np.array2string(value, precision=6, threshold=200, separator=", ") + f", dtype={value.dtype})"
    elif isinstance(value, list):
        text = "[" + ", ".join(display(v, limit) for v in value[:100]) + (", ..." if len(value) > 100 else "") + "]"
    elif isinstance(value, dict):
        text = "{" + ", ".join(f"{k!r}: {display(v, limit)}" for k, v in list(value.items())[:100]) + "}"
    else:
        text = repr(value)
    return text if len(text) <= limit else text[:limit] + " …"


def display_args(args: dict) -> str:
    return "\n".join(f"{name} = {display(value)}" for name, value in args.items())


def visible_cases(spec: ProblemSpec, pool: Pool | None = None) -> list[dict]:
    """The samples a learner may see: name, input and expected output as display strings."""
    return [
        {"name": c.name, "input": display_args(c.args), "expected": display(c.expected)}
        for c in prepare(spec, pool)
        if not c.hidden
    ]


def _error_verdict(error_type: str) -> Verdict:
    return Verdict.MEMORY_LIMIT_EXCEEDED if error_type == "MemoryError" else Verdict.RUNTIME_ERROR


def _error_message(case_outcome, hidden: bool) -> str:
    """The learner's trimmed traceback on visible tests; fixed text on hidden ones, where every
    child-controlled detail (exception type, message, line number) could carry the hidden inputs out."""
    if case_outcome.error_type == "MemoryError":
        return "ran out of memory (MemoryError)"
    if hidden:
        return "raised an exception (details are not shown for hidden tests)"
    return case_outcome.message


def grade(
    spec: ProblemSpec, source: str, *, mode: str = "submit", pool: Pool | None = None, reveal_hidden: bool = False
) -> Report:
    """Grade `source` on all tests (submit) or the visible samples (run). A student's bug is a verdict.

    Hidden tests are reported as `hidden-N` with fixed messages, since a generator's case names
    ("wide-5x9-k3") describe their inputs. `reveal_hidden` shows everything: for the problem's
    own author (validation), never for a learner."""
    started = time.perf_counter()
    pool = pool or default_pool()
    try:
        cases = prepare(spec, pool)
    except SpecError as exc:
        return Report.failure(
            spec.slug,
            Verdict.INTERNAL_ERROR,
            "this problem's tests could not be prepared: " + "; ".join(exc.reasons),
            0,
        )
    if mode == "run":
        cases = [c for c in cases if not c.hidden]
    outcome = pool.run(
        spec.flavour,
        source,
        spec.entry,
        [c.args for c in cases],
        time_ms=spec.limits.time_ms,
        memory_mb=spec.limits.memory_mb,
        hold_from=sum(not c.hidden for c in cases),
    )
    elapsed = lambda: (time.perf_counter() - started) * 1000  # noqa: E731
    if outcome.status == "syntax_error":
        return Report.failure(spec.slug, Verdict.SYNTAX_ERROR, outcome.message, len(cases), elapsed())
    if outcome.status == "load_error":
        verdict = _error_verdict(outcome.error_type)
        return Report.failure(
            spec.slug, verdict, "the solution failed while loading:\n" + outcome.message, len(cases), elapsed()
        )
    if outcome.status == "fatal" and outcome.fatal_index is None and not outcome.cases:
        return Report.failure(spec.slug, Verdict(outcome.fatal), outcome.fatal_message, len(cases), elapsed())
    hidden_numbers = {c.name: i for i, c in enumerate((c for c in cases if c.hidden), start=1)}

    def redacted(case: Case) -> bool:
        return case.hidden and not reveal_hidden

    def shown_name(case: Case) -> str:
        return f"hidden-{hidden_numbers[case.name]}" if redacted(case) else case.name

    tests: list[TestResult] = []
    for case_outcome in outcome.cases:
        case = cases[case_outcome.index]
        result = TestResult(shown_name(case), case.hidden, Verdict.ACCEPTED, case_outcome.time_ms)
        if case_outcome.kind == "error":
            result.verdict = _error_verdict(case_outcome.error_type)
            result.message = _error_message(case_outcome, redacted(case))
        elif case_outcome.kind == "bad_value":
            result.verdict = Verdict.WRONG_ANSWER
            result.message = "returned a value that cannot be graded" + (
                " (details are not shown for hidden tests)" if redacted(case) else ": " + case_outcome.message
            )
        else:
            check = checkers.check(
                spec.checker,
                case_outcome.value,
                case.expected,
                args=case.args,
                params=spec.checker_params,
                hidden=redacted(case),
            )
            if not check.ok:
                result.verdict, result.message = Verdict.WRONG_ANSWER, check.message
        if not redacted(case):
            result.input = display_args(case.args)
            result.expected = display(case.expected)
            result.output = display(case_outcome.value) if case_outcome.kind == "result" else None
        tests.append(result)
    if outcome.status == "fatal" and outcome.fatal_index is not None:
        case = cases[outcome.fatal_index]
        left = len(cases) - outcome.fatal_index - 1
        message = outcome.fatal_message + (f" (the remaining {left} tests were not run)" if left else "")
        result = TestResult(
            shown_name(case),
            case.hidden,
            Verdict(outcome.fatal),
            spec.limits.time_ms if outcome.fatal == Verdict.TIME_LIMIT_EXCEEDED else 0.0,
            message,
        )
        if not redacted(case):
            result.input, result.expected = display_args(case.args), display(case.expected)
        tests.append(result)
    stdout = outcome.stdout if reveal_hidden or all(not c.hidden for c in cases) else ""
    return Report.from_tests(spec.slug, tests, len(cases), elapsed(), stdout)
