"""Cross-check the distributed problems: each reference against torch, a closed form or an independent simulation."""

import copy
import tomllib
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F

PROBLEMS = Path(__file__).resolve().parents[2] / "problems"
ENTRIES = {
    "ring-all-reduce": "ring_all_reduce",
    "tensor-parallel-linear": "tensor_parallel_mlp",
    "zero-memory-estimate": "zero_memory",
    "grad-accumulation-equivalence": "grad_accumulation_loss",
}
SLUGS = list(ENTRIES)


def _entry(bank, slug, filename="reference.py"):
    return getattr(bank.module(slug, filename), ENTRIES[slug])


def _checker(slug: str) -> dict:
    return tomllib.loads((PROBLEMS / slug / "problem.toml").read_text())["checker"]


def _leaves(value):
    """Flatten a nested result (tuples, lists, dicts, arrays, numbers) into a list of float64 arrays."""
    if isinstance(value, dict):
        return [leaf for key in sorted(value) for leaf in _leaves(value[key])]
    if isinstance(value, (list, tuple)) and not all(isinstance(v, (int, float)) for v in value):
        return [leaf for v in value for leaf in _leaves(v)]
    return [np.asarray(value, dtype=np.float64)]


def _run_unmodified(fn, case):
    """Call fn on a case and check it left every argument as it was."""
    before = copy.deepcopy(case["args"])
    result = fn(**case["args"])
    for key, value in before.items():
        np.testing.assert_array_equal(case["args"][key], value, err_msg=f"{case['name']}: {key} was modified")
    return result


@pytest.mark.parametrize("slug", SLUGS)
def test_generator_is_deterministic_and_seeded(bank, slug):
    first, second = bank.cases(slug), bank.cases(slug)
    assert [c["name"] for c in first] == [c["name"] for c in second]
    assert len({c["name"] for c in first}) == len(first)
    assert [c["hidden"] for c in first[:2]] == [False, False] and all(c["hidden"] for c in first[2:])
    for a, b in zip(first, second, strict=True):
        for key in a["args"]:
            np.testing.assert_array_equal(np.asarray(a["args"][key]), np.asarray(b["args"][key]))
    other = bank.cases(slug, seed=12345)
    assert any(
        not np.array_equal(np.asarray(a["args"][k]), np.asarray(b["args"][k]))
        for a, b in zip(first, other, strict=True)
        for k in a["args"]
    ), "the seed should change the cases"


@pytest.mark.parametrize("slug", SLUGS)
def test_accepted_solutions_agree_with_the_reference(bank, slug):
    checker = _checker(slug)
    reference = _entry(bank, slug)
    for path in sorted((PROBLEMS / slug / "accept").glob("*.py")):
        accepted = _entry(bank, slug, f"accept/{path.name}")
        for case in bank.cases(slug):
            for g, e in zip(_leaves(accepted(**case["args"])), _leaves(reference(**case["args"])), strict=True):
                np.testing.assert_allclose(g, e, rtol=checker["rtol"], atol=checker["atol"], err_msg=case["name"])


# --- ring-all-reduce -----------------------------------------------------------------------------------------


def _replay(x: np.ndarray, sends) -> np.ndarray:
    """Independent message-passing replay of a send list: per step, deliver every message sent from the state at
    the end of the previous step; reduce-scatter steps (< P - 1) add, all-gather steps overwrite."""
    P, n = x.shape
    sizes = [n // P + (1 if c < n % P else 0) for c in range(P)]
    edges = np.concatenate([[0], np.cumsum(sizes)]).astype(int)
    state = {(r, c): x[r, edges[c] : edges[c + 1]].astype(np.float64) for r in range(P) for c in range(P)}
    by_step: dict[int, list] = {}
    for step, src, dst, chunk in sends:
        by_step.setdefault(step, []).append((src, dst, chunk))
    for step in sorted(by_step):
        snapshot = dict(state)
        for src, dst, chunk in by_step[step]:
            if step < P - 1:
                state[(dst, chunk)] = state[(dst, chunk)] + snapshot[(src, chunk)]
            else:
                state[(dst, chunk)] = snapshot[(src, chunk)]
    return np.stack([np.concatenate([state[(r, c)] for c in range(P)]) for r in range(P)])


def test_ring_all_reduce_equals_the_sum_and_its_schedule_is_an_all_reduce(bank):
    ring = _entry(bank, "ring-all-reduce")
    for case in bank.cases("ring-all-reduce"):
        x = case["args"]["x"]
        P = x.shape[0]
        out, sends = _run_unmodified(ring, case)
        total = torch.as_tensor(x).sum(dim=0).numpy()
        np.testing.assert_allclose(out, np.tile(total, (P, 1)), rtol=1e-12, atol=1e-9, err_msg=case["name"])
        sends = [tuple(s) for s in sends]
        assert all(type(v) is int for s in sends for v in s), case["name"]
        assert len(sends) == 2 * P * (P - 1)
        assert sends == sorted(sends, key=lambda s: (s[0], s[1])), "ordered by step, then sender"
        assert all(dst == (src + 1) % P for _, src, dst, _ in sends)
        # Every rank sends exactly once per step, and only chunks that exist.
        for step in range(2 * (P - 1)):
            assert sorted(s[1] for s in sends if s[0] == step) == list(range(P))
        assert all(0 <= s[3] < P for s in sends)
        # Replaying the schedule with an independent simulator gives the all-reduce on every rank.
        np.testing.assert_allclose(_replay(x, sends), np.tile(total, (P, 1)), rtol=1e-12, atol=1e-9)


@pytest.mark.parametrize("P", [2, 3, 4, 6])
def test_ring_reduce_scatter_leaves_rank_r_owning_chunk_r_plus_1(bank, P):
    """After P - 1 reduce-scatter steps exactly one rank holds each chunk's full sum: rank r has chunk r + 1."""
    x = np.random.default_rng(P).normal(size=(P, 3 * P))
    _, sends = bank.module("ring-all-reduce", "reference.py").ring_all_reduce(x)
    reduce_scatter = [s for s in sends if s[0] < P - 1]
    state = _replay(x, reduce_scatter)
    total = x.sum(axis=0)
    for r in range(P):
        c = (r + 1) % P
        np.testing.assert_allclose(state[r, 3 * c : 3 * c + 3], total[3 * c : 3 * c + 3], rtol=1e-12)


def test_ring_all_reduce_statement_example(bank):
    out, sends = _entry(bank, "ring-all-reduce")(np.array([[1.0, 2, 3], [10, 20, 30], [100, 200, 300]]))
    np.testing.assert_array_equal(out, [[111.0, 222, 333]] * 3)
    assert [tuple(s) for s in sends] == [
        (0, 0, 1, 0), (0, 1, 2, 1), (0, 2, 0, 2),
        (1, 0, 1, 2), (1, 1, 2, 0), (1, 2, 0, 1),
        (2, 0, 1, 1), (2, 1, 2, 2), (2, 2, 0, 0),
        (3, 0, 1, 0), (3, 1, 2, 1), (3, 2, 0, 2),
    ]  # fmt: skip


# --- tensor-parallel-linear ----------------------------------------------------------------------------------

_TORCH_ACT = {
    "identity": lambda h: h,
    "relu": F.relu,
    "silu": F.silu,
    "gelu_tanh": lambda h: F.gelu(h, approximate="tanh"),
}


def test_tensor_parallel_mlp_matches_torch_unsplit_and_chunked(bank):
    tp = _entry(bank, "tensor-parallel-linear")
    for case in bank.cases("tensor-parallel-linear"):
        a = case["args"]
        partials, y = _run_unmodified(tp, case)
        x, W1, W2 = (torch.as_tensor(a[k]) for k in ("x", "W1", "W2"))
        act = _TORCH_ACT[a["activation"]]
        unsplit = act(x @ W1) @ W2
        np.testing.assert_allclose(y, unsplit.numpy(), rtol=1e-10, atol=1e-12, err_msg=case["name"])
        # Shards as torch.chunk cuts them: contiguous column blocks of W1, matching row blocks of W2.
        expected = torch.stack(
            [act(x @ c1) @ c2 for c1, c2 in zip(W1.chunk(a["P"], dim=1), W2.chunk(a["P"], dim=0), strict=True)]
        )
        assert partials.shape == (a["P"], x.shape[0], x.shape[1])
        np.testing.assert_allclose(partials, expected.numpy(), rtol=1e-10, atol=1e-12, err_msg=case["name"])


def test_tensor_parallel_statement_example(bank):
    partials, y = _entry(bank, "tensor-parallel-linear")(
        np.array([[1.0, -1.0]]),
        np.array([[1.0, 2.0, -1.0, 0.5], [0.0, 1.0, 1.0, -0.5]]),
        np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [2.0, -1.0]]),
        2,
        "relu",
    )
    np.testing.assert_allclose(partials, [[[1.0, 1.0]], [[2.0, -1.0]]])
    np.testing.assert_allclose(y, [[3.0, 0.0]])


# --- zero-memory-estimate ------------------------------------------------------------------------------------


def test_zero_memory_matches_exact_rational_formulas(bank):
    zero = _entry(bank, "zero-memory-estimate")
    for case in bank.cases("zero-memory-estimate"):
        a = case["args"]
        got = _run_unmodified(zero, case)
        psi, nd = Fraction(a["num_params"]), Fraction(a["dp_size"])
        w, g, k = (Fraction(a[key]) * psi for key in ("param_bytes", "grad_bytes", "optimizer_bytes"))
        exact = {"dp": w + g + k, "zero1": w + g + k / nd, "zero2": w + (g + k) / nd, "zero3": (w + g + k) / nd}
        assert set(got) == set(exact)
        for key, value in exact.items():
            assert isinstance(got[key], float)
            assert got[key] == pytest.approx(float(value), rel=1e-12), (case["name"], key)
        assert got["dp"] >= got["zero1"] >= got["zero2"] >= got["zero3"]


def test_zero_memory_reproduces_the_zero_paper_figure_1(bank):
    """Rajbhandari et al. 2020, Fig. 1: 7.5B parameters, N_d = 64, K = 12 -> 120, 31.4, 16.6 and 1.88 GB."""
    got = _entry(bank, "zero-memory-estimate")(7_500_000_000, 64)
    assert got["dp"] / 1e9 == pytest.approx(120.0)
    assert round(got["zero1"] / 1e9, 1) == 31.4
    assert round(got["zero2"] / 1e9, 1) == 16.6
    assert round(got["zero3"] / 1e9, 2) == 1.88


# --- grad-accumulation-equivalence ---------------------------------------------------------------------------


def test_grad_accumulation_correct_loss_gives_the_full_batch_gradient(bank):
    """Autograd: per-token losses of a tiny linear model; accumulating the per-micro-batch terms weighted as the
    reference says equals the gradient of the full-batch token mean, and the reference's numbers match torch."""
    ga = _entry(bank, "grad-accumulation-equivalence")
    for case in bank.cases("grad-accumulation-equivalence"):
        losses, mask = case["args"]["losses"], case["args"]["mask"]
        got = _run_unmodified(ga, case)
        L, m = torch.as_tensor(losses), torch.as_tensor(mask)
        full_mean = L[m].mean()
        per_batch_means = torch.stack([L[i][m[i]].mean() for i in range(L.shape[0])])
        assert got["correct"] == pytest.approx(full_mean.item(), rel=1e-12)
        assert got["naive"] == pytest.approx(per_batch_means.mean().item(), rel=1e-12)
        np.testing.assert_allclose(
            got["weights"], (m.sum(dim=1, dtype=torch.float64) / m.sum(dtype=torch.float64)).numpy(), rtol=1e-12
        )
        # Gradient equivalence: scale each token loss by a parameter theta_t; d/dtheta of the full-batch mean
        # must equal the accumulated gradients of weights[i] * micro-batch mean i.
        theta = torch.ones_like(L, requires_grad=True)
        (grad_full,) = torch.autograd.grad((theta * L)[m].mean(), theta)
        accumulated = torch.zeros_like(L)
        for i in range(L.shape[0]):
            (g,) = torch.autograd.grad(float(got["weights"][i]) * (theta[i] * L[i])[m[i]].mean(), theta)
            accumulated += g
        torch.testing.assert_close(accumulated, grad_full, rtol=1e-12, atol=1e-15)


def test_grad_accumulation_statement_example(bank):
    got = _entry(bank, "grad-accumulation-equivalence")(
        np.array([[2.0, 4.0, 0.0, 0.0], [1.0, 1.0, 1.0, 1.0]]),
        np.array([[True, True, False, False], [True, True, True, True]]),
    )
    assert got["correct"] == pytest.approx(10 / 6)
    assert got["naive"] == pytest.approx(2.0)
    np.testing.assert_allclose(got["weights"], [1 / 3, 2 / 3])
