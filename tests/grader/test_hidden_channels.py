"""The hidden-test property: a hidden test's entry in a learner's report is a function of its verdict alone.

Each group below holds solutions that reach the same verdict on the first hidden test but differ in
everything else a submission controls: the exception and its text, messages forged on the grader's
channel, exit codes and signals, times (sleeping, patching the clock), output sizes, stdout and stderr,
returned shapes, dtypes and kinds. Every one of them puts the hidden inputs into whatever it controls.
All are graded through the real sandbox, and the hidden entries of every report in a group must be
byte-identical. The solutions answer the visible samples correctly, so the first hidden test is where
they differ.
"""

from __future__ import annotations

import json
import textwrap

import pytest

from grader.judge import grade
from grader.result import HIDDEN_MESSAGES, HIDDEN_MESSAGES_ZH, TestResult, Verdict, redact_test
from tests.grader.test_attacks import make_spec

SPEC = make_spec("hidden-channels", time_ms=400, memory_mb=160)
# Being killed for memory can take longer than 400 ms on a busy machine: room to die for the right reason.
ROOMY_SPEC = make_spec("hidden-channels-roomy", time_ms=3000, memory_mb=160)
SAMPLES = 2  # the generator's visible cases come first

PRELUDE = f"""
import os, signal, sys, time
import numpy as np
from grader import wire

calls = []

def leak(a, b):
    '''The hidden inputs as text: what every channel below tries to carry out.'''
    return repr(np.round(a, 6).tolist()) + repr(np.round(b, 6).tolist())

def secret_bits(a):
    return int(abs(float(np.ravel(a)[0])) * 1000) % 251

def add(a, b):
    calls.append(1)
    if len(calls) <= {SAMPLES}:
        return a + b
    return hidden(a, b)
"""


def solution(body: str) -> str:
    return PRELUDE + "\n" + textwrap.dedent(body)


FORGE = "os.write(3, wire.pack({header}))"

GROUPS: dict[Verdict, dict[str, str]] = {
    Verdict.ACCEPTED: {
        "plain": "def hidden(a, b):\n    return a + b\n",
        "slow-by-input": """
            def hidden(a, b):
                time.sleep(secret_bits(a) / 2000)
                return a + b
            """,
        "patched-clock": """
            def hidden(a, b):
                time.perf_counter = lambda: float(secret_bits(a))
                return a + b
            """,
        "prints": """
            def hidden(a, b):
                print(leak(a, b) * 3)
                print(leak(a, b), file=sys.stderr)
                return a + b
            """,
        "astype-copy": """
            def hidden(a, b):
                return (a.astype(np.float64) + b).copy()
            """,
    },
    Verdict.WRONG_ANSWER: {
        "zeros": "def hidden(a, b):\n    return np.zeros_like(a)\n",
        "wrong-shape": "def hidden(a, b):\n    return np.zeros((secret_bits(a) + 1,))\n",
        "wrong-dtype": "def hidden(a, b):\n    return (a + b).astype(np.int64)\n",
        "none": "def hidden(a, b):\n    return None\n",
        "a-string": "def hidden(a, b):\n    return leak(a, b)\n",
        "a-list-of-other-length": "def hidden(a, b):\n    return [0.0] * (secret_bits(a) + 2)\n",
        "unsendable": "def hidden(a, b):\n    return object()\n",
        "nan": "def hidden(a, b):\n    return np.full_like(a, np.nan)\n",
        "mutates-input": """
            def hidden(a, b):
                a += b
                return a.copy()
            """,
        "patched-clock-and-prints": """
            def hidden(a, b):
                print(leak(a, b))
                time.perf_counter = lambda: float(secret_bits(a))
                return a + b + 1
            """,
    },
    Verdict.RUNTIME_ERROR: {
        "raises": "def hidden(a, b):\n    raise ValueError(leak(a, b))\n",
        "raises-custom-type": """
            def hidden(a, b):
                raise type("Leak" + str(secret_bits(a)), (Exception,), {})(leak(a, b))
            """,
        "exit-code": "def hidden(a, b):\n    os._exit(secret_bits(a) % 200 + 1)\n",
        "sys-exit": "def hidden(a, b):\n    sys.exit(leak(a, b))\n",
        "signal": """
            def hidden(a, b):
                os.kill(os.getpid(), signal.SIGSEGV if secret_bits(a) % 2 else signal.SIGABRT)
            """,
        "forged-error-frame": """
            def hidden(a, b):
                header = {"op": "error", "index": len(calls) - 1, "time_ms": float(secret_bits(a)),
                          "type": "Leak", "message": leak(a, b)}
                """
        + FORGE.format(header="header")
        + """
                time.sleep(5)
            """,
        "forged-garbage-frame": """
            def hidden(a, b):
                os.write(3, leak(a, b).encode() * 10)
                time.sleep(5)
            """,
        "forged-result-for-other-index": """
            def hidden(a, b):
                header = {"op": "result", "index": 99, "time_ms": 1.0, "value": leak(a, b)}
                """
        + FORGE.format(header="header")
        + """
                time.sleep(5)
            """,
    },
    Verdict.TIME_LIMIT_EXCEEDED: {
        "sleeps": "def hidden(a, b):\n    time.sleep(60)\n",
        "spins": "def hidden(a, b):\n    while True:\n        pass\n",
        "prints-then-sleeps": """
            def hidden(a, b):
                print(leak(a, b), flush=True)
                time.sleep(60)
            """,
        "patched-clock-then-sleeps": """
            def hidden(a, b):
                time.perf_counter = lambda: float(secret_bits(a))
                time.sleep(60)
            """,
    },
    Verdict.MEMORY_LIMIT_EXCEEDED: {
        "allocates": "def hidden(a, b):\n    return np.ones(40_000_000 + secret_bits(a))\n",
        "allocates-in-steps": """
            def hidden(a, b):
                keep = []
                while True:
                    keep.append(np.ones(1 << 22 + secret_bits(a) % 3))
            """,
        "memory-error-with-text": "def hidden(a, b):\n    raise MemoryError(leak(a, b))\n",
    },
    Verdict.OUTPUT_LIMIT_EXCEEDED: {
        "floods-stdout": "def hidden(a, b):\n    print(leak(a, b) * 1000)\n    return a + b\n",
        "floods-stderr": "def hidden(a, b):\n    sys.stderr.write(leak(a, b) * 1000)\n    sys.stderr.flush()\n",
        "forged-too-large": """
            def hidden(a, b):
                header = {"op": "bad_value", "index": len(calls) - 1, "time_ms": float(secret_bits(a)),
                          "too_large": True, "message": leak(a, b)}
                """
        + FORGE.format(header="header")
        + """
                time.sleep(5)
            """,
    },
}


def first_hidden_entry(report) -> str:
    return json.dumps(next(t for t in report.to_dict()["tests"] if t["hidden"]), sort_keys=True)


@pytest.mark.parametrize("verdict", list(GROUPS), ids=str)
def test_hidden_entries_depend_on_the_verdict_alone(verdict, pool):
    spec = ROOMY_SPEC if verdict == Verdict.MEMORY_LIMIT_EXCEEDED else SPEC
    reports = {name: grade(spec, solution(body), pool=pool) for name, body in GROUPS[verdict].items()}
    for name, report in reports.items():
        detail = f"{name}: {report.to_json()[:3000]}"
        hidden = [t for t in report.tests if t.hidden]
        assert hidden, detail
        assert hidden[0].verdict == verdict, detail
        visible = report.tests[:SAMPLES]
        assert [(t.hidden, t.verdict) for t in visible] == [(False, Verdict.ACCEPTED)] * SAMPLES, detail
        assert report.stdout == "", detail
        # every later hidden entry too is what its verdict alone gives
        for number, test in enumerate((t for t in report.to_dict()["tests"] if t["hidden"]), start=1):
            assert test == TestResult.hidden_entry(number, Verdict(test["verdict"])).to_dict(), detail
    entries = {name: first_hidden_entry(report) for name, report in reports.items()}
    first = next(iter(entries.values()))
    assert all(e == first for e in entries.values()), json.dumps(entries, indent=1)
    test = json.loads(first)
    assert set(test) == {"name", "hidden", "verdict", "time_ms", "message", "message_zh"}
    assert test["time_ms"] is None and test["message"] == HIDDEN_MESSAGES[verdict]
    assert test["message_zh"] == HIDDEN_MESSAGES_ZH[verdict]


def test_the_author_still_sees_every_detail(pool):
    report = grade(SPEC, solution(GROUPS[Verdict.RUNTIME_ERROR]["raises"]), pool=pool, reveal_hidden=True)
    hidden = [t for t in report.tests if t.hidden]
    assert hidden[0].verdict == Verdict.RUNTIME_ERROR and "ValueError" in hidden[0].message
    assert hidden[0].input and hidden[0].time_ms is not None


def test_a_syntax_error_has_no_hidden_entries(pool):
    report = grade(SPEC, "def add(a, b:\n", pool=pool)
    assert report.verdict == Verdict.SYNTAX_ERROR
    assert [t.hidden for t in report.tests] == [False]


@pytest.mark.parametrize("verdict", list(Verdict), ids=str)
def test_every_verdict_has_one_fixed_hidden_entry(verdict):
    """Stored reports (written before this rule, or by another grader version) are rebuilt the same way."""
    entry = TestResult.hidden_entry(3, verdict).to_dict()
    assert entry == {
        "name": "hidden-3",
        "hidden": True,
        "verdict": str(verdict),
        "time_ms": None,
        "message": HIDDEN_MESSAGES[verdict],
        "message_zh": HIDDEN_MESSAGES_ZH[verdict],
    }
    stored = {
        "name": "wide-5x9",
        "hidden": True,
        "verdict": str(verdict),
        "time_ms": 12.5,
        "message": "got 0.25, expected [1, 2]",
        "input": "a = [1, 2]",
    }
    assert redact_test(stored, 3) == entry
    assert redact_test({"hidden": True, "verdict": "forged"}, 1)["verdict"] == "internal_error"
