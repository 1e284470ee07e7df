"""Grade a submission: prepare the cases and expected outputs (cached), run the code, check, report.

The test generator and the reference solution are instructors' code, so they run in the sandbox
too; only their plain-data results come back. Expected outputs never leave this process. A failed grade
gets a diagnosis from its visible samples only (`grader.mutants`).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from grader import checkers, mutants, wire
from grader.diagnosis import Diagnosis
from grader.errors import GraderError, SpecError
from grader.job import CaseKind, CaseOutcome, RunOutcome, RunStatus
from grader.result import Mode, Report, TestResult, Verdict
from grader.sandbox import Pool, default_pool
from grader.spec import ProblemSpec

log = logging.getLogger("rankup.grader")
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
    if outcome.status in (RunStatus.SYNTAX_ERROR, RunStatus.LOAD_ERROR):
        return f"{what} failed to load: {outcome.message}"
    if outcome.status == RunStatus.FATAL:
        where = f" on case {cases[outcome.fatal_index].name!r}" if cases and outcome.fatal_index is not None else ""
        return f"{what} failed{where}: {outcome.fatal} {outcome.fatal_message}".rstrip()
    for case in outcome.cases:
        if case.kind != CaseKind.RESULT:
            name = cases[case.index].name if cases else str(case.index)
            detail = f"modified its argument {case.argument!r} in place" if case.kind == CaseKind.MUTATED else ""
            return f"{what} failed on case {name!r}: {detail or case.message}"
    return None


def prepare(spec: ProblemSpec, pool: Pool | None = None) -> list[Case]:
    """The problem's cases with expected outputs, computed in the sandbox once per spec version.

    Concurrent callers for one version share one computation; its lock lives only while it runs."""
    key = spec.slug + ":" + spec.tests_key
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
        lock = _prepare_locks.setdefault(key, threading.Lock())
    try:
        with lock:
            with _cache_lock:
                if key in _cache:
                    return _cache[key]
            return _compute(spec, key, pool or default_pool())
    finally:
        with _cache_lock:
            if _prepare_locks.get(key) is lock and not lock.locked():
                del _prepare_locks[key]


def _compute(spec: ProblemSpec, key: str, pool: Pool) -> list[Case]:
    """Run the generator (or read cases.json) and the reference in the sandbox; cache the result."""
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
    """The samples a learner may see: name, input and expected output as display strings.

    Raises GraderError only (SpecError for a broken problem); any other fault is wrapped in one."""
    try:
        cases = prepare(spec, pool)
    except GraderError:
        raise
    except Exception as exc:  # noqa: BLE001 - one error type for callers: a grader fault
        raise GraderError(f"the samples of {spec.slug} could not be computed ({type(exc).__name__})") from exc
    return [
        {"name": c.name, "input": display_args(c.args), "expected": display(c.expected)} for c in cases if not c.hidden
    ]


def _error_verdict(error_type: str) -> Verdict:
    return Verdict.MEMORY_LIMIT_EXCEEDED if error_type == "MemoryError" else Verdict.RUNTIME_ERROR


def case_result(spec: ProblemSpec, case: Case, outcome: CaseOutcome, shown: bool) -> TestResult:
    """A test's result: its verdict, and for a test that will be `shown` its message and display strings."""
    result = TestResult(case.name, case.hidden, Verdict.ACCEPTED, outcome.time_ms)
    if outcome.kind == CaseKind.ERROR:
        result.verdict = _error_verdict(outcome.error_type)
        if result.verdict == Verdict.MEMORY_LIMIT_EXCEEDED:
            result.message, result.message_zh = "ran out of memory (MemoryError)", "内存不足 (MemoryError)"
        else:
            result.message = outcome.message  # the exception's own text: Python's words, no translation
    elif outcome.kind == CaseKind.BAD_VALUE:
        result.verdict = Verdict.WRONG_ANSWER
        result.message = "returned a value that cannot be graded: " + outcome.message
        result.message_zh = "返回值无法评测：" + outcome.message
    elif outcome.kind == CaseKind.MUTATED:
        name = f"`{outcome.argument}`" if outcome.argument else "an argument"
        result.verdict = Verdict.WRONG_ANSWER
        result.message = (
            f"modified its input {name} in place: a solution must leave its inputs unchanged "
            "(copy first, e.g. `x = x.copy()`, or build a new array)"
        )
        result.message_zh = (
            f"原地修改了输入 {name if outcome.argument else '（某个参数）'}：解答不能改动输入"
            "（先复制，例如 `x = x.copy()`，或者新建一个数组）"
        )
    else:
        check = checkers.check(spec.checker, outcome.value, case.expected, args=case.args, params=spec.checker_params)
        if not check.ok:
            result.verdict, result.message, result.message_zh = Verdict.WRONG_ANSWER, check.message, check.message_zh
    if not shown:  # rebuilt from its verdict alone: no need to render what nobody sees
        return result
    result.input = display_args(case.args)
    result.expected = display(case.expected)
    result.output = display(outcome.value) if outcome.kind == CaseKind.RESULT else None
    return result


def grade(
    spec: ProblemSpec, source: str, *, mode: str = Mode.SUBMIT, pool: Pool | None = None, reveal_hidden: bool = False
) -> Report:
    """Grade `source` on all tests (submit) or the visible samples (run). A student's bug is a verdict.

    This is the grader's fault boundary: anything that goes wrong on the trusted side (a broken spec, a
    sandbox failure, a bug here) becomes an `internal_error` report, never an exception. An unknown
    `mode` is the caller's mistake and raises ValueError.

    A learner sees each hidden test as a function of its verdict alone (`TestResult.hidden_entry`): since
    a generator's case names ("wide-5x9-k3") describe their inputs, they become `hidden-N`, and messages,
    times and display strings are dropped. `reveal_hidden` shows everything: for the problem's own author
    (validation), never for a learner."""
    if mode not in set(Mode):
        raise ValueError(f"unknown grading mode {mode!r}; expected one of {', '.join(Mode)}")
    started = time.perf_counter()
    try:
        return _grade(spec, source, Mode(mode), pool or default_pool(), reveal_hidden, started)
    except Exception as exc:  # noqa: BLE001 - the fault boundary: a grader fault is never the learner's verdict
        log.exception("grading %s failed", spec.slug)
        # a grader error's text is the trusted side's own (a broken spec, a missing sandbox layer); any
        # other exception's could hold anything, so only its type is named
        reason = str(exc) if isinstance(exc, GraderError) else type(exc).__name__
        return Report.failure(
            spec.slug,
            Verdict.INTERNAL_ERROR,
            f"the grader failed: {reason}. This is not your fault; please try again later.",
            0,
            (time.perf_counter() - started) * 1000,
        )


def _grade(spec: ProblemSpec, source: str, mode: Mode, pool: Pool, reveal_hidden: bool, started: float) -> Report:
    try:
        cases = prepare(spec, pool)
    except SpecError as exc:
        return Report.failure(
            spec.slug,
            Verdict.INTERNAL_ERROR,
            "this problem's tests could not be prepared: " + "; ".join(exc.reasons),
            0,
        )
    if mode == Mode.RUN:
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

    def elapsed() -> float:
        return (time.perf_counter() - started) * 1000

    if outcome.status == RunStatus.SYNTAX_ERROR:
        return Report.failure(spec.slug, Verdict.SYNTAX_ERROR, outcome.message, len(cases), elapsed())
    if outcome.status == RunStatus.LOAD_ERROR:
        verdict = _error_verdict(outcome.error_type)
        return Report.failure(
            spec.slug,
            verdict,
            "the solution failed while loading:\n" + outcome.message,
            len(cases),
            elapsed(),
            message_zh="解答在加载时出错：\n" + outcome.message,
        )
    if outcome.status == RunStatus.FATAL and outcome.fatal_index is None and not outcome.cases:
        return Report.failure(
            spec.slug,
            outcome.fatal or Verdict.INTERNAL_ERROR,
            outcome.fatal_message,
            len(cases),
            elapsed(),
            message_zh=outcome.fatal_message_zh,
        )
    tests = [case_result(spec, cases[o.index], o, reveal_hidden or not cases[o.index].hidden) for o in outcome.cases]
    if outcome.status == RunStatus.FATAL and outcome.fatal_index is not None:
        case = cases[outcome.fatal_index]
        left = len(cases) - outcome.fatal_index - 1
        verdict = outcome.fatal or Verdict.INTERNAL_ERROR
        message = outcome.fatal_message + (f" (the remaining {left} tests were not run)" if left else "")
        message_zh = outcome.fatal_message_zh + (f"（其余 {left} 个测试没有运行）" if left else "")
        time_ms = spec.limits.time_ms if verdict == Verdict.TIME_LIMIT_EXCEEDED else 0.0
        result = TestResult(case.name, case.hidden, verdict, time_ms, message, message_zh=message_zh)
        if reveal_hidden or not case.hidden:
            result.input, result.expected = display_args(case.args), display(case.expected)
        tests.append(result)
    if not reveal_hidden:
        numbers = iter(range(1, len(cases) + 1))
        tests = [TestResult.hidden_entry(next(numbers), t.verdict) if t.hidden else t for t in tests]
    stdout = outcome.stdout if reveal_hidden or all(not c.hidden for c in cases) else ""
    report = Report.from_tests(spec.slug, tests, len(cases), elapsed(), stdout)
    if not report.accepted:
        visible = {t.name: t for t in tests if not t.hidden}
        report.diagnosis = _diagnose(spec, cases, outcome.cases, visible, pool)
        report.time_ms = elapsed()
    return report


def _diagnose(
    spec: ProblemSpec, cases: list[Case], outcomes: list[CaseOutcome], visible: dict[str, TestResult], pool: Pool
) -> Diagnosis | None:
    """The report's diagnosis, and each wrong visible test's numeric one, from the visible samples alone.

    A fault here (a sandbox failure running a known-wrong solution, a bug) costs the diagnosis, never the verdict."""
    by_index = {o.index: o for o in outcomes}
    answers, shown = [], []
    for index, case in enumerate(cases):
        if case.hidden:
            continue  # hidden tests never take part
        outcome = by_index.get(index)
        returned = outcome is not None and outcome.kind == CaseKind.RESULT
        test = visible.get(case.name)
        verdict = test.verdict if test is not None else Verdict.INTERNAL_ERROR
        answers.append(mutants.Answer(case.args, case.expected, verdict, outcome.value if outcome else None, returned))
        shown.append(test)
    try:
        for answer, test in zip(answers, shown, strict=True):
            if answer.wrong and test is not None:
                test.diagnosis = mutants.numeric(spec, answer)
        return mutants.diagnose(spec, answers, pool)
    except Exception:  # noqa: BLE001 - a diagnosis is a help, not the grade: log it and grade on
        log.exception("diagnosing a submission to %s failed", spec.slug)
        return None
