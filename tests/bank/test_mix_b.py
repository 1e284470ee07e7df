"""Cross-check MoE capacity dispatch, GQA prefill attention and RLOO/GRPO advantages against independent answers."""

import math

import numpy as np
import pytest

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
            earlier = sum(1 for s2 in range(k) for t2 in range(n_tokens)
                          if (s2, t2) < (s, t) and expert_indices[t2, s2] == e)
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
    orders = {math.ceil(c * n * k / e), math.ceil(c * (n * k) / e), math.ceil(n * k * c / e),
              math.ceil(c * (n * k / e)), math.ceil(n * k / e * c)}
    assert len(orders) == 1
