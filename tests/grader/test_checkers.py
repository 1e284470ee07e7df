"""Checkers: the comparison traps from SANDBOX-FACTS, integers compared as integers, the low-rank checker, and
hypothesis properties (symmetry, distinct integers, NaN/inf placement)."""

import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

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


def test_exact_compares_integers_as_integers():
    big = 2**53
    assert not exact(big + 1, big).ok and not exact(big, big + 1).ok
    assert exact(big + 1, big + 1).ok
    assert not exact(np.array([big + 1, 3]), np.array([big, 3])).ok
    assert not exact(np.array([big + 1], dtype=np.uint64), np.array([big], dtype=np.int64)).ok
    assert exact(np.array([big + 1], dtype=np.uint64), np.array([big + 1], dtype=np.int64)).ok
    assert not exact(float(big), big + 1).ok and exact(float(big), big).ok
    assert "expected 9007199254740992" in exact(big + 1, big).message


def test_tensor_and_array_are_interchangeable_and_scalars_accept_0d():
    assert allclose(TensorData(np.ones(2)), np.ones(2), params=TOL).ok
    assert allclose(0.5, TensorData(np.array(0.5)), params=TOL).ok
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


# ---- properties (hypothesis) ------------------------------------------------------------------------

INT64 = st.integers(min_value=-(2**63), max_value=2**63 - 1)
FINITE = st.floats(allow_nan=False, allow_infinity=False, width=64, min_value=-1e300, max_value=1e300)
SPECIAL = st.sampled_from([np.nan, np.inf, -np.inf])


@given(
    st.lists(FINITE, min_size=1, max_size=8),
    st.lists(FINITE, min_size=1, max_size=8),
    st.floats(min_value=0, max_value=0.5),
)
def test_allclose_with_an_absolute_tolerance_is_symmetric(a, b, atol):
    n = min(len(a), len(b))
    x, y = np.array(a[:n]), np.array(b[:n])
    params = {"rtol": 0.0, "atol": atol}
    assert allclose(x, y, params=params).ok == allclose(y, x, params=params).ok


@given(INT64, INT64)
def test_exact_never_equates_distinct_integers(a, b):
    assert exact(a, b).ok == (a == b)
    assert exact(np.array([a], dtype=np.int64), np.array([b], dtype=np.int64)).ok == (a == b)


@given(st.lists(FINITE, min_size=2, max_size=8), st.data())
def test_nan_and_inf_must_sit_in_the_same_places(values, data):
    expected = np.array(values)
    i = data.draw(st.integers(0, len(values) - 1))
    special = data.draw(SPECIAL)
    expected[i] = special
    same = expected.copy()
    assert allclose(same, expected, params=TOL).ok
    moved = expected.copy()
    j = (i + 1) % len(values)
    moved[i], moved[j] = expected[j] if np.isfinite(expected[j]) else 0.0, special
    assert not allclose(moved, expected, params=TOL).ok
    finite = expected.copy()
    finite[i] = 0.0
    assert not allclose(finite, expected, params=TOL).ok
    assert not allclose(expected, finite, params=TOL).ok


@pytest.mark.parametrize(
    ("got", "expected"),
    [
        (np.zeros(3), np.zeros(4)),  # shape
        (np.zeros(3, dtype=np.int64), np.zeros(3)),  # dtype
        (np.ones(3), np.zeros(3)),  # values
        (np.array([np.nan]), np.array([1.0])),  # NaN
        (None, np.zeros(3)),  # forgot return
        ([1, 2], [1, 2, 3]),  # length
        ({"a": 1}, {"b": 1}),  # keys
        ("x", "y"),  # strings
        (True, 1.0),  # a bool for a number
        (1.0, None),  # expected None
        (2, 1),  # integers
    ],
)
def test_every_failure_is_explained_in_english_and_chinese(got, expected):
    """The grader's own words reach a Chinese page in Chinese (numbers and Python names stay as they are)."""
    result = allclose(got, expected, params={"rtol": 0.0, "atol": 0.0})
    assert not result.ok and result.message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in result.message_zh), result.message_zh
    numbers = [n for n in re.findall(r"\d+", result.message)]
    assert sorted(numbers) == sorted(re.findall(r"\d+", result.message_zh)), (result.message, result.message_zh)
