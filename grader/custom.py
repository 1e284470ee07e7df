"""Run code on the learner's own input: parse Python literals, shape them like sample 1's arguments, run the
submission and the reference in the sandbox, compare with the problem's checker.

The literals are parsed here, in the trusted process, with `ast.literal_eval` (bounded in size), and turned
into the values the generator's cases hold (arrays and tensors with sample 1's dtype and dimensions, floats,
ints, strings, lists, dicts). Both programs run in the sandbox; only plain data comes back. The reference's
source, traceback and printed output never leave this module: a reference that fails on the input is named
by its exception type or verdict only.
"""

from __future__ import annotations

import ast
import logging
import math
import time
from dataclasses import asdict, dataclass

import numpy as np

from grader import wire
from grader.errors import GraderError
from grader.job import CaseKind, RunOutcome, RunStatus
from grader.judge import Case, case_result, display, prepare
from grader.result import Verdict
from grader.sandbox import Pool, default_pool
from grader.spec import ProblemSpec

log = logging.getLogger("rankup.grader")
MAX_TEXT_BYTES = 64 * 1024  # every argument's text together
MAX_ELEMENTS = 20_000  # numbers, strings and containers in all the arguments together
MAX_DEPTH = 32
NON_FINITE = {"nan": math.nan, "inf": math.inf}  # names a literal may use, as sample values print them
REFERENCE_FAILED = (
    "the reference solution could not run on this input ({reason}), so there is nothing to compare with; "
    "check that the input meets the statement's constraints"
)


class CustomInputError(ValueError):
    """The learner's input cannot be used (the caller answers 422); `parameter` names the argument, or is ''."""

    def __init__(self, parameter: str, message: str):
        super().__init__(f"{parameter}: {message}" if parameter else message)
        self.parameter = parameter
        self.message = message


@dataclass
class CustomResult:
    """A custom run's outcome: the submission's verdict against the reference (None when the reference failed
    on the input, so nothing could be compared), a message, and display strings of both outputs."""

    verdict: Verdict | None
    message: str = ""
    output: str | None = None
    reference_output: str | None = None
    stdout: str = ""
    time_ms: float = 0.0

    def to_dict(self) -> dict:
        data = asdict(self)
        data["verdict"] = str(self.verdict) if self.verdict is not None else None
        return data


def sample_arguments(spec: ProblemSpec, pool: Pool | None = None) -> dict:
    """Sample 1's arguments (the first visible case's): the parameters a custom run takes and their types."""
    for case in prepare(spec, pool):
        if not case.hidden:
            return case.args
    raise GraderError(f"{spec.slug} has no visible sample")


def literal(value) -> str:
    """`value` (a case argument) written as a Python literal that `parse_argument` reads back to an equal value."""
    if isinstance(value, wire.TensorData):
        value = value.array
    if isinstance(value, np.ndarray):
        return _array_literal(value)
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {literal(v)}" for k, v in value.items()) + "}"
    if type(value) is float:
        return _float_literal(value)
    return repr(value)


def _float_literal(value: float) -> str:
    return repr(value) if math.isfinite(value) else ("nan" if math.isnan(value) else ("inf" if value > 0 else "-inf"))


def _array_literal(array: np.ndarray) -> str:
    if array.ndim == 0:
        item = array.item()
        if array.dtype.kind == "f":
            return _float_literal(float(item)) if array.dtype.itemsize == 8 else str(array.dtype.type(item))
        return repr(item)
    return "[" + ", ".join(_array_literal(row) for row in array) + "]"


def default_arguments(spec: ProblemSpec, pool: Pool | None = None) -> dict[str, str]:
    """Each parameter's name and sample 1's value as a literal: what the custom-input fields start from."""
    return {name: literal(value) for name, value in sample_arguments(spec, pool).items()}


class _NonFiniteNames(ast.NodeTransformer):
    """Turn the only names a literal may use, `nan` and `inf`, into constants `literal_eval` accepts."""

    def visit_Name(self, node: ast.Name) -> ast.Constant:
        if node.id not in NON_FINITE:
            raise ValueError(f"the name {node.id!r} is not a literal")
        return ast.copy_location(ast.Constant(NON_FINITE[node.id]), node)


def _parse(name: str, text: str):
    """Read one literal: numbers, strings, bools, None, lists, tuples and dicts, plus `nan` and `inf`."""
    try:
        return ast.literal_eval(_NonFiniteNames().visit(ast.parse(text.strip(), mode="eval")))
    except (SyntaxError, ValueError, TypeError, MemoryError, RecursionError) as exc:
        reason = exc.msg if isinstance(exc, SyntaxError) else str(exc) or type(exc).__name__
        raise CustomInputError(
            name, f"not a Python literal ({reason}); write numbers, strings, lists, tuples or dicts"
        ) from None


def _count(name: str, value, budget: list[int], depth: int = 0) -> None:
    """Charge every element of `value` to `budget`; refuse too many elements or too deep a nesting."""
    budget[0] -= 1
    if budget[0] < 0:
        raise CustomInputError(name, f"the input has more than {MAX_ELEMENTS:,} elements in all")
    if depth > MAX_DEPTH:
        raise CustomInputError(name, f"nested more than {MAX_DEPTH} levels deep")
    if isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            _count(name, item, budget, depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            _count(name, key, budget, depth + 1)
            _count(name, item, budget, depth + 1)


def _plain(name: str, value):
    """A value without a sample to follow: plain data only (tuples become lists, as on the wire)."""
    t = type(value)
    if value is None or t in (bool, str, float):
        return value
    if t is int:
        if not -(2**63) <= value < 2**63:
            raise CustomInputError(name, "integers must fit in 64 bits")
        return value
    if t in (list, tuple):
        return [_plain(name, v) for v in value]
    if t is dict:
        if not all(type(k) is str for k in value):
            raise CustomInputError(name, "dict keys must be strings")
        return {k: _plain(name, v) for k, v in value.items()}
    raise CustomInputError(name, f"values of type {t.__name__} are not supported")


def _numbers(name: str, value, kind: str) -> None:
    """Check that a nested list holds only numbers an array of dtype kind `kind` takes without rounding."""
    if type(value) in (list, tuple):
        for item in value:
            _numbers(name, item, kind)
        return
    allowed = {"b": (bool,), "i": (int,), "u": (int,), "f": (int, float)}[kind]
    if type(value) not in allowed:
        wanted = {"b": "True/False", "i": "integers", "u": "non-negative integers", "f": "numbers"}[kind]
        raise CustomInputError(name, f"the array must hold {wanted}, not {type(value).__name__}")


def _array_like(name: str, value, like: np.ndarray) -> np.ndarray:
    _numbers(name, value, like.dtype.kind)
    try:
        array = np.array(value, dtype=like.dtype)
    except (ValueError, TypeError, OverflowError) as exc:
        raise CustomInputError(name, f"not a rectangular array of {like.dtype} ({exc})") from None
    if array.ndim != like.ndim:
        raise CustomInputError(
            name, f"must be a {like.ndim}-D array (nested lists) like sample 1's, not {array.ndim}-D"
        )
    return array


def convert(name: str, value, like):
    """Turn a parsed literal into the kind of value sample 1 has for this argument (`like`)."""
    if isinstance(like, wire.TensorData):
        return wire.TensorData(_array_like(name, value, like.array))
    if isinstance(like, np.ndarray):
        return _array_like(name, value, like)
    t = type(like)
    if t is bool:
        if type(value) is not bool:
            raise CustomInputError(name, "must be True or False")
        return value
    if t is int:
        if type(value) is not int:
            raise CustomInputError(name, "must be an integer")
        return _plain(name, value)
    if t is float:
        if type(value) not in (int, float):
            raise CustomInputError(name, "must be a number")
        return float(value)
    if t is str:
        if type(value) is not str:
            raise CustomInputError(name, "must be a string (in quotes)")
        return value
    if t is list and like:
        if type(value) not in (list, tuple):
            raise CustomInputError(name, "must be a list")
        return [convert(name, item, like[min(i, len(like) - 1)]) for i, item in enumerate(value)]
    if t is dict and like:
        if type(value) is not dict or not all(type(k) is str for k in value):
            raise CustomInputError(name, "must be a dict with string keys")
        return {k: convert(name, v, like[k]) if k in like else _plain(name, v) for k, v in value.items()}
    if t in (list, dict) and type(value) not in (list, tuple, dict):
        raise CustomInputError(name, f"must be a {t.__name__}")
    return _plain(name, value)


def parse_arguments(texts: dict[str, str], like: dict) -> dict:
    """The learner's literals, one per parameter of sample 1 (`like`), as case arguments; CustomInputError
    names the first parameter that is missing, unknown or not a usable literal."""
    missing = [name for name in like if name not in texts]
    unknown = [name for name in texts if name not in like]
    if missing or unknown:
        parameter = (missing or unknown)[0]
        expected = ", ".join(like)
        what = "missing" if missing else "not a parameter of this problem"
        raise CustomInputError(parameter, f"{what} (the parameters are: {expected})")
    size = sum(len(text.encode("utf-8", "replace")) for text in texts.values())
    if size > MAX_TEXT_BYTES:
        raise CustomInputError("", f"the input is {size:,} bytes; the limit is {MAX_TEXT_BYTES // 1024} KiB in all")
    budget = [MAX_ELEMENTS]
    args = {}
    for name, sample in like.items():
        value = _parse(name, texts[name])
        _count(name, value, budget)
        args[name] = convert(name, value, sample)
    try:
        wire.encode(args)  # what the sandbox will be sent: refuse here what it could not carry
    except wire.WireError as exc:
        raise CustomInputError("", f"the input cannot be sent to the sandbox: {exc}") from None
    return args


def _reference_problem(outcome: RunOutcome) -> str | None:
    """Why the reference gave no value, in words chosen here (its own text could quote its source), or None."""
    if outcome.status in (RunStatus.SYNTAX_ERROR, RunStatus.LOAD_ERROR):
        return "it failed to load"
    if outcome.status == RunStatus.FATAL or not outcome.cases:
        verdict = outcome.fatal or Verdict.INTERNAL_ERROR
        return str(verdict).replace("_", " ")
    case = outcome.cases[0]
    if case.kind == CaseKind.ERROR:
        return f"it raised {case.error_type}" if case.error_type.isidentifier() else "it raised an exception"
    if case.kind == CaseKind.MUTATED:
        return "it modified its input"
    if case.kind == CaseKind.BAD_VALUE:
        return "it returned a value that cannot be compared"
    return None


def _learner_failure(outcome: RunOutcome) -> tuple[Verdict, str] | None:
    """The verdict and message of a submission that never reached the call (syntax, loading, a dead child)."""
    if outcome.status == RunStatus.SYNTAX_ERROR:
        return Verdict.SYNTAX_ERROR, outcome.message
    if outcome.status == RunStatus.LOAD_ERROR:
        verdict = Verdict.MEMORY_LIMIT_EXCEEDED if outcome.error_type == "MemoryError" else Verdict.RUNTIME_ERROR
        return verdict, "the solution failed while loading:\n" + outcome.message
    if outcome.status == RunStatus.FATAL or not outcome.cases:
        return outcome.fatal or Verdict.INTERNAL_ERROR, outcome.fatal_message
    return None


def custom_run(spec: ProblemSpec, source: str, texts: dict[str, str], *, pool: Pool | None = None) -> CustomResult:
    """Run `source` and the reference on the learner's literals (`texts`, one per parameter) and compare them.

    Raises CustomInputError for input that cannot be used. Anything that goes wrong on the trusted side is an
    `internal_error` result, as in `grade`; a submission's bug is a verdict."""
    started = time.perf_counter()
    try:
        pool = pool or default_pool()
        args = parse_arguments(texts, sample_arguments(spec, pool))
        return _custom_run(spec, source, args, pool, started)
    except CustomInputError:
        raise
    except Exception as exc:  # noqa: BLE001 - the fault boundary: a grader fault is never the learner's verdict
        log.exception("a custom run of %s failed", spec.slug)
        # a grader error's text is the trusted side's own; any other exception's could hold anything
        reason = str(exc) if isinstance(exc, GraderError) else type(exc).__name__
        return CustomResult(
            Verdict.INTERNAL_ERROR,
            f"the grader failed: {reason}. This is not your fault; please try again later.",
            time_ms=(time.perf_counter() - started) * 1000,
        )


def _custom_run(spec: ProblemSpec, source: str, args: dict, pool: Pool, started: float) -> CustomResult:
    limits = dict(time_ms=spec.limits.time_ms, memory_mb=spec.limits.memory_mb)
    reference = pool.run(spec.flavour, spec.reference, spec.entry, [args], **limits)
    learner = pool.run(spec.flavour, source, spec.entry, [args], **limits)
    problem = _reference_problem(reference)
    expected = None if problem else reference.cases[0].value
    result = CustomResult(
        None,
        reference_output=None if problem else display(expected),
        stdout=learner.stdout,
        time_ms=(time.perf_counter() - started) * 1000,
    )
    failure = _learner_failure(learner)
    if failure is not None:
        result.verdict, result.message = failure
        return result
    outcome = learner.cases[0]
    if problem and outcome.kind == CaseKind.RESULT:  # a value, but nothing to compare it with
        result.message = REFERENCE_FAILED.format(reason=problem)
        result.output = display(outcome.value)
        return result
    test = case_result(spec, Case("custom", False, args, expected), outcome, shown=True)
    result.verdict, result.message, result.output = test.verdict, test.message, test.output
    if problem:
        result.message += "\n" + REFERENCE_FAILED.format(reason=problem)
    return result
