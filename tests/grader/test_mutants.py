"""Mistake recognition through the real sandbox: a learner's visible-sample answers are matched with the known-wrong
solutions' (computed once per problem version, cached), hidden tests never take part, and the report carries the
diagnosis in both languages (`Report.to_dict()`, `rankup grade --json`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from grader import mutants
from grader.judge import grade
from grader.result import Mode, TestResult, Verdict
from grader.spec import load_spec, spec_from_files

RANKUP = str(Path(sys.executable).parent / "rankup")

# Visible samples all have t = 2; hidden tests have t = 3, so `x * t * t` and `x * 2 * t` agree on the samples.
GENERATOR = """
import numpy as np

def generate(seed):
    rng = np.random.default_rng(seed)
    cases = []
    for i in range(5):
        hidden = i >= 2
        args = {"x": rng.standard_normal(4), "t": 3.0 if hidden else 2.0}
        cases.append({"name": f"c{i}", "hidden": hidden, "args": args})
    return cases
"""

WRONG = {
    "squared_t": ("def scale(x, t):\n    return x * t * t\n", "Multiplies by t², but the statement scales by t."),
    "hardcoded_two": (
        "def scale(x, t):\n    return x * 2 * t\n",
        "Multiplies by a fixed 2 as well as t: the factor is t alone.",
    ),
    "plus_one": ("def scale(x, t):\n    return x * t + 1\n", "Adds 1 after scaling; the statement asks for x·t only."),
    # right on every sample, wrong on the hidden tests: it can describe no visible failure
    "right_on_samples": (
        "def scale(x, t):\n    return x * t if t == 2.0 else -x * t\n",
        "Flips the sign unless t is 2.",
    ),
}


def problem_files(wrong: dict[str, tuple[str, str]] = WRONG) -> dict[str, str]:
    """A fully written coding problem: statement, editorial, hints and a diagnosed sidecar for every wrong file."""
    files = {
        "problem.toml": 'kind = "code"\ntitle = "Scale"\ntitle_zh = "缩放"\ndifficulty = "easy"\ntopic = "training"\n'
        'tags = ["x"]\nflavour = "numpy"\nentry = "scale"\n[tests]\nseed = 5\n',
        "statement.md": "Return $x \\cdot t$.",
        "statement.zh.md": "返回 $x \\cdot t$。",
        "editorial.md": "Multiply.",
        "editorial.zh.md": "相乘。",
        "starter.py": "def scale(x, t):\n    raise NotImplementedError\n",
        "reference.py": "def scale(x, t):\n    return x * t\n",
        "generator.py": GENERATOR,
        "hints.toml": 'hints = ["Look at t.", "Scale once.", "Return x * t."]\n'
        'hints_zh = ["看看 t。", "只缩放一次。", "返回 x * t。"]\n',
    }
    for stem, (source, diagnosis) in wrong.items():
        verdict = "wrong_answer"
        files[f"wrong/{stem}.py"] = source
        files[f"wrong/{stem}.toml"] = (
            f'verdict = "{verdict}"\ndiagnosis = "{diagnosis}"\ndiagnosis_zh = "（中文）{diagnosis}"\n'
        )
    return files


class CountingPool:
    """The real pool, counting each source it runs (to see what the cache saves)."""

    def __init__(self, pool):
        self.pool = pool
        self.runs: dict[str, int] = {}
        self.lock = threading.Lock()

    def run(self, flavour, source, entry, cases, **kwargs):
        with self.lock:
            self.runs[source] = self.runs.get(source, 0) + 1
        return self.pool.run(flavour, source, entry, cases, **kwargs)


def make_spec(slug: str, wrong=WRONG):
    return spec_from_files(slug, problem_files(wrong))


def test_only_diagnosed_wrong_answer_mutants_are_candidates():
    spec = make_spec("mutants-candidates")
    assert [w.stem for w in mutants.candidates(spec)] == ["hardcoded_two", "plus_one", "right_on_samples", "squared_t"]


def test_a_known_mistake_is_named_in_both_languages(pool):
    spec = make_spec("mutants-named")
    for mode in Mode:  # "run" (samples only) diagnoses too
        report = grade(spec, "def scale(x, t):\n    y = t * x\n    return y + 1.0\n", mode=mode, pool=pool)
        assert report.verdict == Verdict.WRONG_ANSWER
        assert report.to_dict()["diagnosis"] == {
            "kind": "mistake",
            "name": "plus_one",
            "message": "Adds 1 after scaling; the statement asks for x·t only.",
            "message_zh": "（中文）Adds 1 after scaling; the statement asks for x·t only.",
        }
    assert json.loads(report.to_json())["diagnosis"]["message_zh"].startswith("（中文）")


def test_two_mutants_equal_on_the_samples_are_both_named_never_one_by_chance(pool):
    spec = make_spec("mutants-twins")
    report = grade(spec, "def scale(x, t):\n    return x * t ** 2\n", pool=pool)
    diagnosis = report.to_dict()["diagnosis"]
    assert diagnosis["kind"] == "mistake" and diagnosis["name"] == "hardcoded_two+squared_t"
    assert WRONG["squared_t"][1] in diagnosis["message"] and WRONG["hardcoded_two"][1] in diagnosis["message"]
    assert WRONG["plus_one"][1] not in diagnosis["message"]
    assert "（中文）Multiplies by t²" in diagnosis["message_zh"]


def test_a_mutant_wrong_where_the_learner_is_right_does_not_match(pool):
    # right on the first sample, like `x * t * t` on the second: not squared_t's mistake (it is wrong on both)
    source = "calls = []\ndef scale(x, t):\n    calls.append(1)\n    return x * t if len(calls) == 1 else x * t * t\n"
    report = grade(make_spec("mutants-partial-agree"), source, pool=pool)
    assert report.verdict == Verdict.WRONG_ANSWER
    assert report.diagnosis is None or report.diagnosis.kind == "numeric"


def test_equal_to_a_mutant_only_on_hidden_tests_gets_no_mistake(pool):
    spec = make_spec("mutants-hidden-only")
    # passes every sample, then answers the hidden tests exactly as squared_t does
    passes_samples = "def scale(x, t):\n    return x * t if t == 2.0 else x * t * t\n"
    report = grade(spec, passes_samples, pool=pool)
    assert report.verdict == Verdict.WRONG_ANSWER and report.to_dict()["diagnosis"] is None
    assert all("diagnosis" not in t for t in report.to_dict()["tests"])
    # wrong on the samples in a way no mutant is, squared_t's answers on the hidden tests
    other_on_samples = "def scale(x, t):\n    return x * t - 7 if t == 2.0 else x * t * t\n"
    report = grade(spec, other_on_samples, pool=pool)
    assert report.verdict == Verdict.WRONG_ANSWER
    assert report.diagnosis is None or report.diagnosis.kind == "numeric"
    # the wrong file that is right on every sample is itself no diagnosis
    assert grade(spec, WRONG["right_on_samples"][0], pool=pool).diagnosis is None


def test_accepted_code_gets_no_diagnosis(pool):
    report = grade(make_spec("mutants-accepted"), "def scale(x, t):\n    return t * x\n", pool=pool)
    assert report.verdict == Verdict.ACCEPTED and report.to_dict()["diagnosis"] is None


def test_hidden_entries_stay_a_function_of_the_verdict(pool):
    report = grade(make_spec("mutants-hidden-entries"), WRONG["squared_t"][0], pool=pool)
    assert report.diagnosis is not None
    tests = report.to_dict()["tests"]
    hidden = [t for t in tests if t["hidden"]]
    assert len(hidden) == 3
    for number, test in enumerate(hidden, start=1):
        assert test == TestResult.hidden_entry(number, Verdict(test["verdict"])).to_dict()
        assert "diagnosis" not in test


def test_each_mutant_runs_once_per_problem_version(pool):
    counting = CountingPool(pool)
    spec = make_spec("mutants-cache")
    learner = "def scale(x, t):\n    return x * t + 1.0\n"
    for _ in range(3):
        assert grade(spec, learner, pool=counting).diagnosis.name == "plus_one"
    sources = {stem: source for stem, (source, _) in WRONG.items()}
    assert {stem: counting.runs.get(source) for stem, source in sources.items()} == dict.fromkeys(sources, 1)
    assert counting.runs[learner] == 3
    # an accepted grade computes nothing; a new wrong file (its hash) is computed, the others stay cached
    grade(spec, "def scale(x, t):\n    return x * t\n", pool=counting)
    edited = WRONG | {"plus_one": ("def scale(x, t):\n    return x * t + 1.0  # edited\n", WRONG["plus_one"][1])}
    assert grade(make_spec("mutants-cache", edited), learner, pool=counting).diagnosis.name == "plus_one"
    assert counting.runs[edited["plus_one"][0]] == 1
    assert {stem: counting.runs.get(source) for stem, source in sources.items()} == dict.fromkeys(sources, 1)


def test_concurrent_graders_compute_each_mutant_once(pool):
    counting = CountingPool(pool)
    spec = make_spec("mutants-concurrent")
    learners = [f"def scale(x, t):\n    return x * t + 1.0  # learner {i}\n" for i in range(4)]
    with ThreadPoolExecutor(4) as executor:
        reports = list(executor.map(lambda source: grade(spec, source, pool=counting), learners))
    assert [r.diagnosis.name if r.diagnosis else None for r in reports] == ["plus_one"] * 4
    assert [counting.runs.get(source) for source, _ in WRONG.values()] == [1] * len(WRONG)


def test_undiagnosed_or_crashing_mutants_take_no_part(pool):
    files = problem_files()
    files["wrong/plus_one.toml"] = 'verdict = "wrong_answer"\n'  # no diagnosis yet
    files["wrong/crashes.py"] = "def scale(x, t):\n    raise ValueError('no')\n"
    files["wrong/crashes.toml"] = 'verdict = "runtime_error"\ndiagnosis = "Raises."\ndiagnosis_zh = "抛出异常。"\n'
    spec = spec_from_files("mutants-undiagnosed", files)
    assert "crashes" not in [w.stem for w in mutants.candidates(spec)]
    report = grade(spec, WRONG["plus_one"][0], pool=pool)
    assert report.diagnosis is None or report.diagnosis.kind == "numeric"


def test_rankup_grade_json_has_the_diagnosis(tmp_path):
    folder = tmp_path / "problems" / "mutants-cli"
    for name, text in problem_files().items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    assert load_spec(folder).hints
    learner = tmp_path / "learner.py"
    learner.write_text(WRONG["plus_one"][0])
    env = os.environ | {"RANKUP_PROBLEMS_DIR": str(tmp_path / "problems")}
    result = subprocess.run(
        [RANKUP, "grade", "mutants-cli", str(learner), "--json"], capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["diagnosis"]["name"] == "plus_one"
    table = subprocess.run(
        [RANKUP, "grade", "mutants-cli", str(learner)], capture_output=True, text=True, env=env, timeout=300
    )
    assert "diagnosis (plus_one): Adds 1 after scaling" in table.stdout
