"""Describe grading outcomes: the verdicts, per-test results and the one JSON report contract.

A hidden test's entry is a function of its verdict alone (`TestResult.hidden`): its name is `hidden-N`, its
message comes from the closed sets `HIDDEN_MESSAGES` and `HIDDEN_MESSAGES_ZH`, and it carries no time, input or
output. Every
other field a submission could influence (exception text, exit status, sizes, shapes, timings) would be
a channel for reading the hidden inputs. For the same reason a diagnosis (`grader.diagnosis.Diagnosis`) is
drawn from the visible samples only: the report's top-level `diagnosis` and a visible test's own.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from enum import StrEnum

from grader.diagnosis import Diagnosis


class Verdict(StrEnum):
    ACCEPTED = "accepted"
    WRONG_ANSWER = "wrong_answer"
    RUNTIME_ERROR = "runtime_error"
    TIME_LIMIT_EXCEEDED = "time_limit_exceeded"
    MEMORY_LIMIT_EXCEEDED = "memory_limit_exceeded"
    OUTPUT_LIMIT_EXCEEDED = "output_limit_exceeded"
    SYNTAX_ERROR = "syntax_error"
    INTERNAL_ERROR = "internal_error"


class Mode(StrEnum):
    """What a grade runs: every test (submit) or the visible samples only (run)."""

    SUBMIT = "submit"
    RUN = "run"


# The only messages a hidden test can carry, chosen by the trusted side from its verdict.
HIDDEN_MESSAGES: dict[Verdict, str] = {
    Verdict.ACCEPTED: "",
    Verdict.WRONG_ANSWER: "wrong answer (details are not shown for hidden tests)",
    Verdict.RUNTIME_ERROR: "the solution raised an exception or crashed (details are not shown for hidden tests)",
    Verdict.TIME_LIMIT_EXCEEDED: "took longer than the time limit",
    Verdict.MEMORY_LIMIT_EXCEEDED: "used more memory than the limit",
    Verdict.OUTPUT_LIMIT_EXCEEDED: "printed or returned more than the output limit",
    Verdict.SYNTAX_ERROR: "the solution did not compile",
    Verdict.INTERNAL_ERROR: "the grader failed on this test; it is not your fault",
}
HIDDEN_MESSAGES_ZH: dict[Verdict, str] = {
    Verdict.ACCEPTED: "",
    Verdict.WRONG_ANSWER: "答案错误（隐藏测试不显示细节）",
    Verdict.RUNTIME_ERROR: "解答抛出了异常或崩溃（隐藏测试不显示细节）",
    Verdict.TIME_LIMIT_EXCEEDED: "运行时间超过限制",
    Verdict.MEMORY_LIMIT_EXCEEDED: "内存使用超过限制",
    Verdict.OUTPUT_LIMIT_EXCEEDED: "打印或返回的内容超过输出上限",
    Verdict.SYNTAX_ERROR: "解答无法编译",
    Verdict.INTERNAL_ERROR: "评测器在这个测试上出错了，不是你的问题",
}


@dataclass
class TestResult:
    """One test's outcome. `input`, `expected` and `output` are display strings and `diagnosis` the numeric shape
    of a wrong answer, set for visible tests only; `time_ms` is None on hidden tests. `message_zh` is the message in
    Chinese where the grader wrote it (an exception's own text has none: the page shows `message`)."""

    __test__ = False  # not a pytest test class

    name: str
    hidden: bool
    verdict: Verdict
    time_ms: float | None
    message: str = ""
    input: str | None = None
    expected: str | None = None
    output: str | None = None
    diagnosis: Diagnosis | None = None
    message_zh: str = ""

    @classmethod
    def hidden_entry(cls, number: int, verdict: Verdict) -> TestResult:
        """Hidden test number `number` as a learner sees it: nothing but its verdict."""
        verdict = Verdict(verdict)
        return cls(
            f"hidden-{number}", True, verdict, None, HIDDEN_MESSAGES[verdict], message_zh=HIDDEN_MESSAGES_ZH[verdict]
        )

    def to_dict(self) -> dict:
        data = asdict(self)
        data["verdict"] = str(self.verdict)
        data["time_ms"] = None if self.time_ms is None else round(self.time_ms, 2)
        for key in ("input", "expected", "output", "diagnosis"):
            if data[key] is None:
                del data[key]
        if self.diagnosis is not None:
            data["diagnosis"] = self.diagnosis.to_dict()
        return data


def redact_test(test: dict, number: int) -> dict:
    """A stored test entry (a dict from `to_dict`) as a learner may see it: hidden ones rebuilt from the verdict."""
    if not test.get("hidden"):
        return dict(test)
    stored = test.get("verdict")
    verdict = Verdict(stored) if stored in set(Verdict) else Verdict.INTERNAL_ERROR
    return TestResult.hidden_entry(number, verdict).to_dict()


@dataclass
class Report:
    """The grader's answer for one submission; `to_dict()` is the JSON contract shared by CLI, API and UI.

    `time_ms` is the trusted side's own measurement of the whole grade. `diagnosis` names the learner's mistake
    (a known-wrong solution's, or a numeric shape) from the visible samples only; None when there is none."""

    problem: str
    verdict: Verdict
    passed: int
    total: int
    time_ms: float
    tests: list[TestResult] = field(default_factory=list)
    stdout: str = ""
    diagnosis: Diagnosis | None = None

    @classmethod
    def from_tests(cls, problem: str, tests: list[TestResult], total: int, time_ms: float, stdout: str = ""):
        """Build a report whose verdict is the first failing test's verdict."""
        failing = next((t.verdict for t in tests if t.verdict != Verdict.ACCEPTED), None)
        if failing is None and len(tests) < total:
            failing = Verdict.INTERNAL_ERROR
        passed = sum(t.verdict == Verdict.ACCEPTED for t in tests)
        return cls(problem, failing or Verdict.ACCEPTED, passed, total, time_ms, tests, stdout)

    @classmethod
    def failure(
        cls, problem: str, verdict: Verdict, message: str, total: int, time_ms: float = 0.0, message_zh: str = ""
    ):
        """A report for a submission that never reached its tests (syntax error, grader fault)."""
        test = TestResult(
            name="compile" if verdict == Verdict.SYNTAX_ERROR else "grader",
            hidden=False,
            verdict=verdict,
            time_ms=0.0,
            message=message,
            message_zh=message_zh,
        )
        return cls(problem, verdict, 0, total, time_ms, [test])

    @property
    def accepted(self) -> bool:
        return self.verdict == Verdict.ACCEPTED

    def to_dict(self) -> dict:
        return {
            "problem": self.problem,
            "verdict": str(self.verdict),
            "passed": self.passed,
            "total": self.total,
            "time_ms": round(self.time_ms, 2),
            "tests": [t.to_dict() for t in self.tests],
            "stdout": self.stdout,
            "diagnosis": None if self.diagnosis is None else self.diagnosis.to_dict(),
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)
