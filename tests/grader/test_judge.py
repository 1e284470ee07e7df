"""The judge through the real sandbox: each seed problem's reference, correct-but-different solutions
(accept/) and subtly wrong ones (wrong/) get the right verdicts; messages help and hidden tests stay hidden."""

import pytest

from grader import Verdict, find_problem, grade, visible_cases

SEEDS = ["low-rank-approximation", "lora-forward", "distillation-loss", "ngram-perplexity"]


def _solutions(kind: str):
    for slug in SEEDS:
        spec = find_problem(slug)
        files = spec.must_pass if kind == "accept" else spec.must_fail
        assert files, f"{slug} keeps no {kind}/ solutions"
        for name in files:
            yield pytest.param(slug, name, id=f"{slug}/{kind}/{name}")


@pytest.mark.parametrize("slug", SEEDS)
def test_reference_is_accepted(slug, sandbox_pool):
    spec = find_problem(slug)
    report = grade(spec, spec.reference, pool=sandbox_pool)
    assert report.verdict == Verdict.ACCEPTED, report.to_json()
    assert report.passed == report.total >= 8
    assert any(t.hidden for t in report.tests) and any(not t.hidden for t in report.tests)


@pytest.mark.parametrize("slug,name", list(_solutions("accept")))
def test_correct_but_different_is_accepted(slug, name, sandbox_pool):
    spec = find_problem(slug)
    report = grade(spec, spec.must_pass[name], pool=sandbox_pool)
    assert report.verdict == Verdict.ACCEPTED, report.to_json()


@pytest.mark.parametrize("slug,name", list(_solutions("wrong")))
def test_subtly_wrong_is_rejected(slug, name, sandbox_pool):
    spec = find_problem(slug)
    report = grade(spec, spec.must_fail[name], pool=sandbox_pool)
    assert report.verdict == spec.must_fail_verdicts[name], report.to_json()
    assert report.passed < report.total


def test_seed_article_snippet_fails_on_shapes(sandbox_pool):
    spec = find_problem("low-rank-approximation")
    seed = (
        "import numpy as np\n\ndef low_rank_approximation(A, k):\n    U, S, V = np.linalg.svd(A)\n"
        "    low_rank_matrix = U @ np.diag(S[:k]) @ V[:k, :]\n    return low_rank_matrix\n"
    )
    report = grade(spec, seed, pool=sandbox_pool)
    # full_matrices=True makes U m x m: the product fails on every non-square sample, and says why
    assert report.verdict == Verdict.RUNTIME_ERROR
    first = report.tests[0]
    assert not first.hidden and first.verdict == Verdict.RUNTIME_ERROR
    assert "ValueError: matmul" in first.message and "mismatch" in first.message


def test_runtime_error_traceback_is_trimmed_to_the_submission(sandbox_pool):
    spec = find_problem("lora-forward")
    source = "def helper(x):\n    return x.nope\n\ndef lora_forward(x, W, A, B, alpha, r):\n    return helper(x)\n"
    report = grade(spec, source, pool=sandbox_pool)
    assert report.verdict == Verdict.RUNTIME_ERROR
    visible = next(t for t in report.tests if not t.hidden)
    assert 'File "solution.py", line 5, in lora_forward' in visible.message
    assert "line 2, in helper" in visible.message and "AttributeError" in visible.message
    assert "grader" not in visible.message and "harness" not in visible.message
    hidden = next(t for t in report.tests if t.hidden)
    assert hidden.verdict == Verdict.RUNTIME_ERROR
    assert "AttributeError" not in hidden.message and "nope" not in hidden.message


def test_hidden_tests_reveal_nothing_even_when_printed_or_raised(sandbox_pool):
    spec = find_problem("lora-forward")
    source = (
        "def lora_forward(x, W, A, B, alpha, r):\n    print('LEAK', x.tolist())\n"
        "    raise ValueError('LEAK ' + repr(x.tolist()))\n"
    )
    report = grade(spec, source, pool=sandbox_pool)
    data = report.to_dict()
    assert data["stdout"] == ""
    for test in data["tests"]:
        if test["hidden"]:
            assert "LEAK" not in test["message"] and "input" not in test and "expected" not in test


def test_run_mode_uses_visible_samples_only_and_shows_output(sandbox_pool):
    spec = find_problem("lora-forward")
    source = spec.reference.replace("def lora_forward(", "print('debug line')\ndef lora_forward(", 1)
    report = grade(spec, source, mode="run", pool=sandbox_pool)
    assert report.accepted and report.total == len(visible_cases(spec, sandbox_pool)) >= 1
    assert all(not t.hidden and t.input and t.expected and t.output for t in report.tests)
    assert "debug line" in report.stdout


def test_syntax_error_and_missing_entry(sandbox_pool):
    spec = find_problem("lora-forward")
    report = grade(spec, "def lora_forward(x:\n", pool=sandbox_pool)
    assert report.verdict == Verdict.SYNTAX_ERROR and "line 1" in report.tests[0].message
    report = grade(spec, "def something_else():\n    pass\n", pool=sandbox_pool)
    assert report.verdict == Verdict.RUNTIME_ERROR and "lora_forward" in report.tests[0].message


def test_returned_none_is_explained(sandbox_pool):
    spec = find_problem("lora-forward")
    report = grade(spec, "def lora_forward(x, W, A, B, alpha, r):\n    pass\n", pool=sandbox_pool)
    assert report.verdict == Verdict.WRONG_ANSWER and "returned None" in report.tests[0].message


def test_hidden_inputs_are_not_in_the_child_while_a_visible_test_runs(sandbox_pool):
    spec = find_problem("lora-forward")
    samples = len(visible_cases(spec, sandbox_pool))
    source = f"""
import fcntl, struct, termios
calls = []
def lora_forward(x, W, A, B, alpha, r):
    calls.append(1)
    if len(calls) == {samples}:
        waiting = struct.unpack("i", fcntl.ioctl(3, termios.FIONREAD, b"\\0" * 4))[0]
        if waiting:
            raise RuntimeError(f"{{waiting}} bytes of later cases already here")
    return x @ W.T + (alpha / r) * (x @ A.T) @ B.T
"""
    report = grade(spec, source, pool=sandbox_pool)
    assert report.verdict == Verdict.ACCEPTED, report.to_json()


def test_hidden_case_names_are_not_shown_but_the_author_sees_everything(sandbox_pool):
    spec = find_problem("low-rank-approximation")
    wrong = "import numpy as np\n\ndef low_rank_approximation(A, k):\n    return A * 0.5\n"
    report = grade(spec, wrong, pool=sandbox_pool)
    hidden = [t for t in report.tests if t.hidden]
    assert [t.name for t in hidden] == [f"hidden-{i}" for i in range(1, len(hidden) + 1)]
    assert all(t.input is None and t.expected is None and t.output is None and t.time_ms is None for t in hidden)
    author = grade(spec, wrong, pool=sandbox_pool, reveal_hidden=True)
    shown = [t for t in author.tests if t.hidden]
    assert any("tall" in t.name or "wide" in t.name for t in shown)
    assert all(t.input and "not shown" not in t.message for t in shown)


def test_a_solution_that_changes_its_input_in_place_is_told_so(sandbox_pool):
    """stable-softmax says "do not modify the input": an in-place softmax computes the right values, and is
    still a wrong answer that names the argument and the rule."""
    spec = find_problem("stable-softmax")
    in_place = (
        "import numpy as np\n\ndef softmax(x):\n    x -= x.max(axis=-1, keepdims=True)\n    np.exp(x, out=x)\n"
        "    x /= x.sum(axis=-1, keepdims=True)\n    return x\n"
    )
    report = grade(spec, in_place, pool=sandbox_pool)
    assert report.verdict == Verdict.WRONG_ANSWER, report.to_json()
    first = report.tests[0]
    assert not first.hidden and "modified its input `x` in place" in first.message
    copying = in_place.replace("def softmax(x):\n", "def softmax(x):\n    x = x.copy()\n")
    assert grade(spec, copying, pool=sandbox_pool).accepted


def test_torch_is_not_available_in_a_numpy_problem(sandbox_pool):
    spec = find_problem("stable-softmax")
    report = grade(
        spec,
        "import torch\n\ndef softmax(x):\n    return torch.softmax(torch.as_tensor(x), -1).numpy()\n",
        pool=sandbox_pool,
    )
    assert report.verdict == Verdict.RUNTIME_ERROR
    assert "torch is not available in numpy problems" in report.tests[0].message


def test_an_unknown_mode_is_refused(sandbox_pool):
    spec = find_problem("lora-forward")
    with pytest.raises(ValueError, match="unknown grading mode 'x'"):
        grade(spec, spec.reference, mode="x", pool=sandbox_pool)


def test_grade_is_the_fault_boundary():
    """A grader fault (here a closed pool; earlier a complex cases.json or a seed over 2**63) is an
    internal_error report that names it, never an exception."""
    from grader.sandbox import Pool

    spec = find_problem("lora-forward")
    closed = Pool(slots=1)
    closed.close()
    report = grade(spec, spec.reference, pool=closed)
    assert report.verdict == Verdict.INTERNAL_ERROR and report.passed == 0
    assert "the grader failed" in report.tests[0].message and "closed" in report.tests[0].message
