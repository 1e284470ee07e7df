"""Problem loading: the bank parses, and a broken problem reports every reason at once."""

import pytest

from grader import SpecError, bank_slugs, find_problem, spec_from_files


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
