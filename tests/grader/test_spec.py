"""Problem loading: the bank parses, and a broken problem reports every reason at once."""

import pytest

from grader import SpecError, bank_slugs, find_problem, spec_from_files
from grader.result import Verdict
from tests.grader.test_mutants import problem_files


def test_every_bank_folder_parses():
    slugs = bank_slugs()
    assert "low-rank-approximation" in slugs
    for slug in slugs:
        assert find_problem(slug).slug == slug


def test_all_reasons_reported_together():
    files = {
        "problem.toml": 'kind = "code"\ntitle = "T"\ndifficulty = "impossible"\nentry = "not an id"\n'
        "[limits]\ntime_ms = 1\n",
        "reference.py": "def f(:\n",
    }
    with pytest.raises(SpecError) as info:
        spec_from_files("Bad Slug", files)
    text = " | ".join(info.value.reasons)
    for fragment in (
        "slug",
        "difficulty",
        "entry",
        "time_ms",
        "statement.md",
        "starter.py",
        "generator.py",
        "reference.py: syntax error",
    ):
        assert fragment in text


def test_unknown_problem_is_a_spec_error():
    with pytest.raises(SpecError):
        find_problem("no-such-problem")
    with pytest.raises(SpecError):
        find_problem("../etc")


def _code_problem(*, seed: str = "1", cases_json: str | None = None) -> dict[str, str]:
    files = {
        "problem.toml": 'kind = "code"\ntitle = "T"\ndifficulty = "easy"\ntopic = "training"\nentry = "f"\n'
        f"[tests]\nseed = {seed}\n",
        "statement.md": "s",
        "starter.py": "def f(x):\n    pass\n",
        "reference.py": "def f(x):\n    return x\n",
    }
    if cases_json is None:
        files["generator.py"] = "def generate(seed):\n    return []\n"
    else:
        files["cases.json"] = cases_json
    return files


@pytest.mark.parametrize("seed", [str(2**63), str(2**64 + 5), "-1", str(-(2**63) - 1), "true", "1.5"])
def test_a_seed_outside_int64_range_is_a_spec_error(seed):
    with pytest.raises(SpecError) as info:
        spec_from_files("seeded", _code_problem(seed=seed))
    assert any("tests.seed" in reason for reason in info.value.reasons)


def test_the_largest_seed_parses():
    assert spec_from_files("seeded", _code_problem(seed=str(2**63 - 1))).seed == 2**63 - 1


CASE = '[{{"name": "a", "hidden": false, "args": {{"x": {x}}}}}]'


@pytest.mark.parametrize(
    ("x", "fragment"),
    [
        ('{"__ndarray__": [1, 2], "dtype": "complex128"}', "complex128"),
        ('{"__ndarray__": ["a"], "dtype": "U1"}', "U1"),
        (str(2**63), "64 bits"),
        ("[1, 2", "cases.json"),
    ],
)
def test_cases_json_is_checked_when_parsing(x, fragment):
    with pytest.raises(SpecError) as info:
        spec_from_files("cased", _code_problem(cases_json=CASE.format(x=x)))
    assert info.value.slug == "cased"
    (reason,) = info.value.reasons
    assert reason.startswith("cases.json: ") and fragment in reason


def test_deeply_nested_cases_json_is_a_spec_error():
    with pytest.raises(SpecError, match="cases.json"):
        spec_from_files("cased", _code_problem(cases_json="[" * 100_000 + "]" * 100_000))


def test_plain_cases_json_parses():
    cases_json = CASE.format(x='{"__ndarray__": [1, 2], "dtype": "int64"}')
    assert spec_from_files("cased", _code_problem(cases_json=cases_json)).text("cases.json") == cases_json


def test_the_spec_reads_diagnoses_and_hints():
    spec = spec_from_files("mutants-spec", problem_files())
    assert spec.hints == ("Look at t.", "Scale once.", "Return x * t.")
    assert spec.hints_zh[0] == "看看 t。"
    wrong = spec.wrong_solutions["plus_one.py"]
    assert wrong.verdict == Verdict.WRONG_ANSWER and wrong.stem == "plus_one"
    assert wrong.diagnosis.startswith("Adds 1") and wrong.diagnosis_zh.startswith("（中文）Adds 1")


@pytest.mark.parametrize(
    "name,text,reason",
    [
        ("hints.toml", "hints = 'one'\n", "hints.toml: `hints` must be a list of non-empty strings"),
        ("hints.toml", 'hints = ["a", ""]\n', "hints.toml: `hints` must be a list of non-empty strings"),
        ("hints.toml", "hint = []\n", "hints.toml: unknown key `hint`"),
        ("hints.toml", "hints = [\n", "hints.toml: "),
        ("wrong/plus_one.toml", 'verdict = "wrong_answer"\ndiagnosis = 3\n', "`diagnosis` must be a string"),
    ],
)
def test_bad_feedback_files_are_spec_errors(name, text, reason):
    files = problem_files() | {name: text}
    with pytest.raises(SpecError) as error:
        spec_from_files("mutants-bad", files)
    assert any(reason in r for r in error.value.reasons), error.value.reasons
