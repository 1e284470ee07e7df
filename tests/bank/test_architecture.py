"""Cross-check the architecture problems (SwiGLU, ALiBi, scaled RoPE, pre-norm block) against independent answers."""

import math
import tomllib

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from tests.bank.conftest import PROBLEMS, load_cases, load_module

ENTRIES = {
    "swiglu-ffn": "swiglu_ffn",
}


def entry(slug: str, filename: str = "reference.py"):
    return getattr(load_module(slug, filename), ENTRIES[slug])


def as_numpy(value) -> np.ndarray:
    return value.detach().numpy() if isinstance(value, torch.Tensor) else np.asarray(value)


def miss(got, expected, slug: str) -> float:
    """How many times the problem's allclose tolerance `got` misses `expected` by (inf: shape, NaN or inf mismatch)."""
    checker = tomllib.loads((PROBLEMS / slug / "problem.toml").read_text())["checker"]
    if isinstance(expected, tuple | list):
        if not isinstance(got, tuple | list) or len(got) != len(expected):
            return math.inf
        return max(miss(g, e, slug) for g, e in zip(got, expected, strict=True))
    g, e = as_numpy(got).astype(np.float64), as_numpy(expected).astype(np.float64)
    if g.shape != e.shape or np.any(np.isnan(g) != np.isnan(e)) or np.any(np.isinf(g) != np.isinf(e)):
        return math.inf
    if np.any(np.isinf(e) & (g != e)):
        return math.inf
    finite = np.isfinite(e)
    err = np.abs(g[finite] - e[finite]) / (checker["atol"] + checker["rtol"] * np.abs(e[finite]))
    return float(np.max(err, initial=0.0))


def cases_of(slug: str) -> list[dict]:
    return load_cases(slug)


@pytest.mark.parametrize("slug", ENTRIES)
def test_generator_is_deterministic_seeded_and_well_formed(slug):
    first, second = cases_of(slug), cases_of(slug)
    assert [c["name"] for c in first] == [c["name"] for c in second]
    assert len({c["name"] for c in first}) == len(first) >= 10
    assert [c["hidden"] for c in first[:2]] == [False, False] and all(c["hidden"] for c in first[2:])
    for a, b in zip(first, second, strict=True):
        for key in a["args"]:
            np.testing.assert_array_equal(as_numpy(a["args"][key]), as_numpy(b["args"][key]))
    other = load_cases(slug, seed=12345)
    assert any(
        not np.array_equal(as_numpy(a["args"][k]), as_numpy(b["args"][k]))
        for a, b in zip(first, other, strict=False)
        for k in a["args"]
    ), "the seed should change the cases"


@pytest.mark.parametrize("slug", ENTRIES)
def test_every_wrong_solution_misses_some_case_by_100x_the_tolerance(slug):
    reference = entry(slug)
    cases = cases_of(slug)
    wrong_files = sorted((PROBLEMS / slug / "wrong").glob("*.py"))
    assert len(wrong_files) >= 3
    for path in wrong_files:
        wrong = entry(slug, f"wrong/{path.name}")
        worst = 0.0
        for case in cases:
            try:
                with np.errstate(all="ignore"):
                    got = wrong(**case["args"])
            except Exception:  # a crash is a miss of any size
                worst = math.inf
                break
            worst = max(worst, miss(got, reference(**case["args"]), slug))
        assert worst >= 100, f"{path.name} misses by only {worst:.3g}x the tolerance"


@pytest.mark.parametrize("slug", ENTRIES)
def test_accepted_solutions_agree_with_the_reference(slug):
    reference = entry(slug)
    accepted = sorted((PROBLEMS / slug / "accept").glob("*.py"))
    assert accepted
    for path in accepted:
        solution = entry(slug, f"accept/{path.name}")
        for case in cases_of(slug):
            assert miss(solution(**case["args"]), reference(**case["args"]), slug) <= 1, (path.name, case["name"])


def test_reference_inputs_are_not_modified():
    for slug in ENTRIES:
        reference = entry(slug)
        for case in cases_of(slug):
            before = {k: np.array(as_numpy(v), copy=True) for k, v in case["args"].items()}
            reference(**case["args"])
            for key, value in case["args"].items():
                np.testing.assert_array_equal(as_numpy(value), before[key])


# --- swiglu-ffn ----------------------------------------------------------------------------------------------


def test_swiglu_matches_torch_linear_layers_with_f_silu():
    """Independent: nn.Linear modules holding the transposed weights and F.silu, in float64."""
    reference = entry("swiglu-ffn")
    for case in cases_of("swiglu-ffn"):
        x, W1, W3, W2 = (case["args"][k] for k in ("x", "W1", "W3", "W2"))
        gate = torch.nn.Linear(W1.shape[0], W1.shape[1], bias=False, dtype=torch.float64)
        up = torch.nn.Linear(W3.shape[0], W3.shape[1], bias=False, dtype=torch.float64)
        down = torch.nn.Linear(W2.shape[0], W2.shape[1], bias=False, dtype=torch.float64)
        with torch.no_grad():
            gate.weight.copy_(W1.T)
            up.weight.copy_(W3.T)
            down.weight.copy_(W2.T)
            expected = down(F.silu(gate(x)) * up(x))
        got = reference(**case["args"])
        assert got.dtype == torch.float64 and got.shape == x.shape
        assert miss(got, expected, "swiglu-ffn") <= 1e-2, case["name"]


def test_swiglu_saturated_case_really_saturates_and_stays_finite():
    """The large-pre-activation case has gates where exp(-z) overflows float64; the answer must stay finite."""
    case = next(c for c in cases_of("swiglu-ffn") if c["name"] == "saturated-preactivations")
    gate = case["args"]["x"] @ case["args"]["W1"]
    assert (gate < -709).any() and (gate > 40).any()
    assert torch.isfinite(entry("swiglu-ffn")(**case["args"])).all()
