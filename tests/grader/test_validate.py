"""`validate` on the whole bank (every problem must be clean), and on broken problems it must catch."""

import dataclasses

import pytest

from grader import PROBLEMS_DIR, SpecError, bank_slugs, spec_from_files
from grader.sandbox import Pool
from grader.validate import feedback_problems, validate_folder, validate_spec
from tests.grader.test_mutants import problem_files


@pytest.mark.parametrize("slug", bank_slugs())
def test_bank_problem_is_valid(slug, sandbox_pool):
    assert validate_folder(PROBLEMS_DIR / slug, sandbox_pool) == []


def _problem(reference: str, generator: str, wrong: str | None = None, pinned: str = "wrong_answer") -> dict:
    files = {
        "problem.toml": 'kind = "code"\ntitle = "Double"\ntitle_zh = "加倍"\ndifficulty = "easy"\ntopic = "training"\n'
        'tags = ["x"]\nflavour = "numpy"\nentry = "double"\n[tests]\nseed = 3\n',
        "statement.md": "Return $2x$.",
        "statement.zh.md": "返回 $2x$。",
        "editorial.md": "e",
        "editorial.zh.md": "e",
        "starter.py": "def double(x):\n    raise NotImplementedError\n",
        "reference.py": reference,
        "generator.py": generator,
        "hints.toml": 'hints = ["Scale x.", "By two.", "Return 2 * x."]\n'
        'hints_zh = ["缩放 x。", "乘以二。", "返回 2 * x。"]\n',
    }
    if wrong:
        files["wrong/off.py"] = wrong
        if pinned:  # written in full, so the problem stays valid when FEEDBACK_REQUIRED is switched on
            files["wrong/off.toml"] = (
                f'verdict = "{pinned}"\ndiagnosis = "Not twice x."\ndiagnosis_zh = "不是 x 的两倍。"\n'
            )
    return files


GOOD_GENERATOR = (
    "import numpy as np\ndef generate(seed):\n    rng = np.random.default_rng(seed)\n"
    "    return [{'name': f'c{i}', 'hidden': i > 0, 'args': {'x': rng.standard_normal(4)}}"
    " for i in range(4)]\n"
)


def test_a_sound_problem_passes(sandbox_pool):
    spec = spec_from_files(
        "double-ok",
        _problem(
            "def double(x):\n    return 2 * x\n", GOOD_GENERATOR, wrong="def double(x):\n    return 2 * x + 1e-3\n"
        ),
    )
    assert validate_spec(spec, sandbox_pool) == []
    assert validate_spec(spec, sandbox_pool, feedback=True) == []


def test_each_wrong_solution_gets_its_pinned_verdict(sandbox_pool):
    wrong = "def double(x):\n    return 2 * x + 1e-3\n"
    other = spec_from_files(
        "double-pin", _problem("def double(x):\n    return 2 * x\n", GOOD_GENERATOR, wrong, pinned="runtime_error")
    )
    assert validate_spec(other, sandbox_pool) == [
        "wrong/off.py must get runtime_error (pinned in its sidecar) but got wrong_answer"
    ]
    unpinned = spec_from_files(
        "double-unpinned", _problem("def double(x):\n    return 2 * x\n", GOOD_GENERATOR, wrong, pinned="")
    )
    assert validate_spec(unpinned, sandbox_pool) == [
        "wrong/off.toml needs a non-empty `diagnosis` and `diagnosis_zh`",
        "wrong/off.py needs a sidecar wrong/off.toml pinning its verdict (wrong_answer now)",
    ]


@pytest.mark.parametrize("sidecar", ['verdict = "accepted"\n', 'verdict = "nope"\n', "verdict = \n"])
def test_a_bad_sidecar_is_a_spec_error(sidecar):
    files = _problem("def double(x):\n    return 2 * x\n", GOOD_GENERATOR, "def double(x):\n    return x\n")
    files["wrong/off.toml"] = sidecar
    with pytest.raises(SpecError) as caught:
        spec_from_files("double-bad-pin", files)
    assert any(r.startswith("wrong/off.toml: ") for r in caught.value.reasons)


def test_weak_tests_broken_reference_and_lenient_must_fail_are_all_reported(sandbox_pool):
    zeros = GOOD_GENERATOR.replace("rng.standard_normal(4)", "np.zeros(4)")
    spec = spec_from_files(
        "double-weak", _problem("def double(x):\n    return 2 * x\n", zeros, wrong="def double(x):\n    return x * 3\n")
    )
    reasons = " | ".join(validate_spec(spec, sandbox_pool))
    assert "returning zeros is accepted" in reasons and "returning its first input is accepted" in reasons
    assert "wrong/off.py is accepted" in reasons
    spec = spec_from_files("double-broken", _problem("def double(x):\n    return x.nope\n", GOOD_GENERATOR))
    reasons = " | ".join(validate_spec(spec, sandbox_pool))
    assert "reference.py failed" in reasons and "AttributeError" in reasons


def test_generator_errors_are_reported(sandbox_pool):
    spec = spec_from_files(
        "double-gen",
        _problem("def double(x):\n    return 2 * x\n", "def generate(seed):\n    return [{'name': 'a'}]\n"),
    )
    reasons = " | ".join(validate_spec(spec, sandbox_pool))
    assert "case 0 must be a dict" in reasons


def _sound_spec(slug: str):
    return spec_from_files(
        slug, _problem("def double(x):\n    return 2 * x\n", GOOD_GENERATOR, wrong="def double(x):\n    return -x\n")
    )


def test_a_seed_the_wire_cannot_carry_is_a_reason_not_an_exception(sandbox_pool):
    """The parser refuses such a seed; a spec built around the parser reaches the sandbox and must not raise."""
    spec = dataclasses.replace(_sound_spec("double-big-seed"), seed=2**64)
    reasons = validate_spec(spec, sandbox_pool)
    assert reasons and "64 bits" in " | ".join(reasons)


def test_complex_cases_json_is_a_reason_not_an_exception(sandbox_pool):
    files = _problem("def double(x):\n    return 2 * x\n", "")
    files["cases.json"] = '[{"name": "a", "hidden": false, "args": {"x": {"__ndarray__": [1], "dtype": "complex128"}}}]'
    spec = dataclasses.replace(_sound_spec("double-complex"), files=files)  # around the parser, which refuses it
    reasons = " | ".join(validate_spec(spec, sandbox_pool))
    assert "cases.json" in reasons and "complex128" in reasons


def test_a_sandbox_that_cannot_run_is_a_reason_not_an_exception():
    closed = Pool(slots=1)
    closed.close()
    reasons = validate_spec(_sound_spec("double-closed-pool"), closed)
    assert reasons == ["the sandbox failed while validating: SandboxError: the sandbox pool is closed"]


def test_an_unreadable_folder_is_a_reason_not_an_exception(tmp_path):
    (tmp_path / "problem.toml").write_bytes(b'kind = "code"\n\xff\xfe\n')
    (reason,) = validate_folder(tmp_path)
    assert reason.startswith("the grader failed while validating: UnicodeDecodeError")


def test_feedback_check_names_what_is_missing():
    assert feedback_problems(spec_from_files("mutants-full", problem_files())) == []
    files = problem_files()
    files["wrong/plus_one.toml"] = 'verdict = "wrong_answer"\ndiagnosis = "Adds 1."\n'
    files["hints.toml"] = 'hints = ["a", "b"]\nhints_zh = ["一", "二", "三"]\n'
    assert feedback_problems(spec_from_files("mutants-partial", files)) == [
        "wrong/plus_one.toml needs a non-empty `diagnosis_zh`",
        "hints.toml: `hints` has 2 hints; a coding problem needs exactly 3",
    ]


def test_a_fully_written_problem_passes_validation_with_feedback_required(sandbox_pool):
    spec = spec_from_files("mutants-valid", problem_files())
    assert validate_spec(spec, sandbox_pool, feedback=True) == []
    files = problem_files()
    del files["hints.toml"]
    bare = spec_from_files("mutants-no-hints", files)
    assert validate_spec(bare, sandbox_pool, feedback=True) == [
        "hints.toml: `hints` has 0 hints; a coding problem needs exactly 3",
        "hints.toml: `hints_zh` has 0 hints; a coding problem needs exactly 3",
    ]
    assert validate_spec(bare, sandbox_pool, feedback=False) == []


def test_feedback_is_required_by_default(sandbox_pool):
    files = problem_files()
    files["wrong/plus_one.toml"] = 'verdict = "wrong_answer"\n'
    assert validate_spec(spec_from_files("mutants-undiagnosed", files), sandbox_pool) == [
        "wrong/plus_one.toml needs a non-empty `diagnosis` and `diagnosis_zh`"
    ]
