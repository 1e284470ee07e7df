"""Checkers: the comparison traps from SANDBOX-FACTS, hidden-test redaction, and the low-rank checker."""

import numpy as np

from grader.checkers import allclose, exact, low_rank
from grader.wire import TensorData

TOL = {"rtol": 1e-9, "atol": 1e-12}


def test_broadcasting_shape_is_rejected():
    result = allclose(np.zeros((3, 1)), np.zeros(3), params=TOL)
    assert not result.ok and "shape mismatch" in result.message and "(3, 1)" in result.message


def test_nan_positions_must_match_and_nan_never_slips_through():
    assert allclose(np.array([np.nan, 1.0]), np.array([np.nan, 1.0]), params=TOL).ok
    result = allclose(np.array([np.nan, 1.0]), np.array([0.0, 1.0]), params=TOL)
    assert not result.ok and "NaN" in result.message
    assert not allclose(np.array([np.inf]), np.array([-np.inf]), params=TOL).ok
    assert not allclose(float("nan"), 1.0, params=TOL).ok


def test_integer_array_where_float_expected_is_a_dtype_mismatch():
    result = allclose(np.array([1, 2]), np.array([1.0, 2.0]), params=TOL)
    assert not result.ok and "dtype" in result.message


def test_wrong_answer_names_worst_error_and_index():
    expected = np.array([[1.0, 2.0], [3.0, 4.0]])
    got = expected.copy()
    got[1, 0] += 0.5
    message = allclose(got, expected, params=TOL).message
    assert "index [1, 0]" in message and "absolute error 0.5" in message and "relative error" in message


def test_hidden_messages_reveal_no_values():
    expected = np.array([0.123456789, 2.0])
    for got in (np.array([0.5, 2.0]), np.zeros(3), None, np.array([1, 2])):
        message = allclose(got, expected, params=TOL, hidden=True).message
        assert "0.123" not in message and "2.0" not in message and "(3,)" not in message and message


def test_tensor_and_array_are_interchangeable_and_scalars_accept_0d():
    assert allclose(TensorData(np.ones(2)), np.ones(2), params=TOL).ok
    assert allclose(np.float64(0.5) if False else 0.5, TensorData(np.array(0.5)), params=TOL).ok
    assert allclose(TensorData(np.array(0.5)), 0.5, params=TOL).ok
    assert not allclose(TensorData(np.array([0.5])), 0.5, params=TOL).ok


def test_exact_for_lists_of_tokens_and_ints():
    assert exact([["a", "b"], 3], [["a", "b"], 3]).ok
    assert not exact([["a", "c"], 3], [["a", "b"], 3]).ok
    assert not exact(3.5, 3).ok
    assert not exact(True, 1).ok


def _best(a, k):
    u, s, vt = np.linalg.svd(a, full_matrices=False)
    return (u[:, :k] * s[:k]) @ vt[:k]


def test_low_rank_accepts_sign_flips_and_ties_rejects_rank_k_plus_1():
    rng = np.random.default_rng(0)
    a = rng.standard_normal((6, 4))
    k = 2
    u, s, vt = np.linalg.svd(a, full_matrices=False)
    flipped = (-u[:, :k] * s[:k]) @ -vt[:k]
    assert low_rank(flipped, None, args={"A": a, "k": k}).ok
    too_good = _best(a, k + 1)
    result = low_rank(too_good, None, args={"A": a, "k": k})
    assert not result.ok and "rank greater than k" in result.message
    worse = _best(a, k) * 0.99
    assert not low_rank(worse, None, args={"A": a, "k": k}).ok
    tie = np.diag([3.0, 2.0, 2.0, 1.0])
    for other in (np.diag([3.0, 2.0, 0, 0]), np.diag([3.0, 0, 2.0, 0])):
        assert low_rank(other, None, args={"A": tie, "k": 2}).ok
