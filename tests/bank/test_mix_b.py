"""Cross-check MoE capacity dispatch, GQA prefill attention and RLOO/GRPO advantages against independent answers."""

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from tests.bank.conftest import load_cases, load_module

DISPATCH = "moe-capacity-dispatch"


def dispatch_by_counting(expert_indices: np.ndarray, num_experts: int, capacity_factor: float):
    """Position of (t, s) = number of earlier assignments to the same expert in (slot, token) order, if below C."""
    n_tokens, k = expert_indices.shape
    capacity = math.ceil(capacity_factor * n_tokens * k / num_experts)
    positions = np.empty((n_tokens, k), dtype=np.int64)
    for t in range(n_tokens):
        for s in range(k):
            e = expert_indices[t, s]
            earlier = sum(
                1 for s2 in range(k) for t2 in range(n_tokens) if (s2, t2) < (s, t) and expert_indices[t2, s2] == e
            )
            positions[t, s] = earlier if earlier < capacity else -1
    requested = np.array([(expert_indices == e).sum() for e in range(num_experts)], dtype=np.int64)
    return positions, np.minimum(requested, capacity)


@pytest.mark.parametrize("case", load_cases(DISPATCH), ids=lambda c: c["name"])
def test_dispatch_reference_matches_counting(case):
    args = case["args"]
    positions, load = load_module(DISPATCH, "reference.py").moe_capacity_dispatch(**args)
    want_positions, want_load = dispatch_by_counting(**args)
    assert positions.dtype == np.int64 and load.dtype == np.int64
    np.testing.assert_array_equal(positions, want_positions)
    np.testing.assert_array_equal(load, want_load)
    assert load.sum() == (positions >= 0).sum()


@pytest.mark.parametrize("case", load_cases(DISPATCH), ids=lambda c: c["name"])
def test_dispatch_capacity_is_the_same_in_every_evaluation_order(case):
    args = case["args"]
    n, k = args["expert_indices"].shape
    e, c = args["num_experts"], args["capacity_factor"]
    orders = {
        math.ceil(c * n * k / e),
        math.ceil(c * (n * k) / e),
        math.ceil(n * k * c / e),
        math.ceil(c * (n * k / e)),
        math.ceil(n * k / e * c),
    }
    assert len(orders) == 1


GQA = "gqa-prefill-attention"


def gqa_by_loop(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor) -> np.ndarray:
    """One (batch, head, position) at a time, with kv head h // (H // Hkv) and a shifted softmax over keys 0..i."""
    qn, kn, vn = q.numpy(), k.numpy(), v.numpy()
    b, h, t, dh = qn.shape
    group = h // kn.shape[1]
    out = np.zeros_like(qn)
    for bi in range(b):
        for hi in range(h):
            for i in range(t):
                s = kn[bi, hi // group, : i + 1] @ qn[bi, hi, i] / math.sqrt(dh)
                w = np.exp(s - s.max())
                out[bi, hi, i] = (w / w.sum()) @ vn[bi, hi // group, : i + 1]
    return out


@pytest.mark.parametrize("case", load_cases(GQA), ids=lambda c: c["name"])
def test_gqa_reference_matches_torch_sdpa_with_enable_gqa(case):
    args = case["args"]
    got = load_module(GQA, "reference.py").gqa_prefill_attention(**args)
    want = F.scaled_dot_product_attention(args["q"], args["k"], args["v"], is_causal=True, enable_gqa=True)
    assert got.shape == args["q"].shape and got.dtype == torch.float64
    torch.testing.assert_close(got, want, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("case", load_cases(GQA), ids=lambda c: c["name"])
def test_gqa_reference_matches_a_loop(case):
    got = load_module(GQA, "reference.py").gqa_prefill_attention(**case["args"])
    np.testing.assert_allclose(got.numpy(), gqa_by_loop(**case["args"]), rtol=1e-12, atol=1e-12)


ADVANTAGES = "rloo-advantages"


def rloo_exact(rewards: np.ndarray) -> np.ndarray:
    """Leave-one-out baseline in exact rational arithmetic, rounded once at the end."""
    from fractions import Fraction

    out = np.empty_like(rewards)
    for p, row in enumerate(rewards):
        values = [Fraction(float(x)) for x in row]
        for i, x in enumerate(values):
            others = values[:i] + values[i + 1 :]
            out[p, i] = float(x - sum(others) / len(others))
    return out


def grpo_with_torch(rewards: np.ndarray, eps: float) -> np.ndarray:
    r = torch.from_numpy(rewards)
    mean = r.mean(dim=1, keepdim=True)
    std = r.std(dim=1, keepdim=True, correction=0)
    return ((r - mean) / (std + eps)).numpy()


@pytest.mark.parametrize("case", load_cases(ADVANTAGES), ids=lambda c: c["name"])
def test_advantages_reference_matches_independent_forms(case):
    args = case["args"]
    got = load_module(ADVANTAGES, "reference.py").group_advantages(**args)
    rewards = args["rewards"]
    assert got.shape == rewards.shape and got.dtype == np.float64
    if args["method"] == "rloo":
        np.testing.assert_allclose(got, rloo_exact(rewards), rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(got.sum(axis=1), 0.0, atol=1e-10)
    else:
        np.testing.assert_allclose(got, grpo_with_torch(rewards, args.get("eps", 1e-4)), rtol=1e-12, atol=1e-12)


def test_advantages_of_a_constant_group_are_zero():
    group_advantages = load_module(ADVANTAGES, "reference.py").group_advantages
    rewards = np.ones((2, 4))
    for method in ("rloo", "grpo"):
        assert np.array_equal(group_advantages(rewards, method=method), np.zeros((2, 4)))
