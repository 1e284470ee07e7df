"""Generic numeric diagnoses: each fires on its constructed case and on no other (a case × diagnosis matrix),
`numeric` picks the most specific one, none fires on an accepted answer (hypothesis properties over random arrays
and perturbations below tolerance), and degenerate inputs give None or the right one without raising."""

import subprocess
import sys

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from grader.checkers import allclose
from grader.diagnosis import (
    NUMERIC_DIAGNOSES,
    Diagnosis,
    DiagnosisKind,
    constant_factor,
    constant_offset,
    integer_dtype,
    non_finite,
    numeric,
    permuted,
    shifted,
    transposed,
)
from grader.wire import TensorData

TOL = {"rtol": 1e-9, "atol": 1e-12}

# Distinct, irregular values: no symmetry, no arithmetic progression, no two entries equal.
E = np.array([[0.3, -1.2, 2.5, 0.7], [1.9, -0.4, 0.05, 3.1], [-2.2, 1.4, 0.9, -0.6]])
SCRAMBLED = E.ravel()[[5, 0, 11, 2, 9, 7, 1, 10, 3, 6, 4, 8]].reshape(E.shape)

# name -> (got, expected, params): each case has exactly one generic diagnosis.
CASES = {
    "integer_dtype": (np.rint(E).astype(np.int64), E, None),
    "non_finite": (np.where(E > 2, np.inf, E), E, None),
    "transposed": (E.T.copy(), E, None),
    "sign_flipped": (-E, E, None),
    "constant_factor": (0.37 * E, E, None),
    "constant_offset": (E + 0.5, E, None),
    "shifted": (np.concatenate([E[:, :1], E[:, :-1]], axis=1), E, None),  # shifted right, first column repeated
    "permuted": (SCRAMBLED, E, None),
}


def test_the_cases_cover_every_diagnosis_and_the_checker_rejects_them_all():
    assert set(CASES) == {diagnose.__name__ for diagnose in NUMERIC_DIAGNOSES}
    for got, expected, _ in CASES.values():
        assert not allclose(got, expected, params=TOL).ok


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("diagnose", NUMERIC_DIAGNOSES, ids=lambda f: f.__name__)
def test_each_diagnosis_fires_on_its_case_only(case, diagnose):
    got, expected, params = CASES[case]
    diagnosis = diagnose(got, expected, **TOL, params=params)
    if diagnose.__name__ == case:
        assert isinstance(diagnosis, Diagnosis)
        assert diagnosis.kind == DiagnosisKind.NUMERIC and diagnosis.name == case
        assert diagnosis.message and diagnosis.message_zh and diagnosis.message != diagnosis.message_zh
    else:
        assert diagnosis is None


@pytest.mark.parametrize("case", sorted(CASES))
def test_numeric_names_each_case(case):
    got, expected, params = CASES[case]
    diagnosis = numeric(got, expected, **TOL, params=params)
    assert diagnosis is not None and diagnosis.name == case
    assert diagnosis.to_dict()["kind"] == "numeric"


def test_messages_never_quote_the_data():
    for case, (got, expected, params) in CASES.items():
        diagnosis = numeric(got, expected, **TOL, params=params)
        for value in np.concatenate([np.ravel(expected), np.ravel(got)]):
            text = f"{value:.4g}"
            said = case in ("constant_offset", "constant_factor")  # the offset or factor itself is stated
            if said or len(text) < 3 or not np.isfinite(value):
                continue
            assert text not in diagnosis.message and text not in diagnosis.message_zh


# ---- constant factors -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("factor", "params", "named"),
    [
        (4.0, {"T": 2.0}, "T² (T = 2)"),
        (1 / 9, {"temperature": 3.0}, "1/T² (T = 3)"),
        (1 / 3, {"T": 3.0}, "1/T (T = 3)"),
        (2.0, {"alpha": 16, "r": 8}, "α/r (α = 16, r = 8)"),
        (0.5, {"lora_alpha": 16, "rank": 8}, "r/α (α = 16, r = 8)"),
        (2.0, None, "2"),
        (0.5, None, "1/2"),
        (4.0, None, "N (N = 4, the length of axis 1)"),
        (1 / 3, None, "1/N (N = 3, the length of axis 0)"),
        (1 / 12, None, "1/N (N = 12, the number of entries)"),
    ],
)
def test_common_factors_are_named(factor, params, named):
    diagnosis = constant_factor(factor * E, E, **TOL, params=params)
    assert diagnosis is not None and f"times {named}." in diagnosis.message
    assert f"乘以 {named.split(' (')[0]}" in diagnosis.message_zh


def test_a_parameter_of_one_names_nothing_and_the_factor_is_stated_numerically():
    diagnosis = constant_factor(0.3 * E, E, **TOL, params={"T": 1.0, "alpha": 8, "r": 8})
    assert diagnosis is not None and "0.3×" in diagnosis.message and "T" not in diagnosis.message


def test_a_scalar_gets_a_named_factor_but_never_a_bare_number():
    assert numeric(4.0, 1.0, **TOL, params={"T": 2.0}).name == "constant_factor"
    assert numeric(0.2, 0.1, **TOL).name == "constant_factor"
    assert numeric(0.3, 0.1, **TOL) is None  # one number is some multiple of any other: that says nothing


def test_one_count_against_another_is_no_factor():
    assert numeric(1, 2, rtol=0.0, atol=0.0) is None
    assert numeric(np.array([4]), np.array([2]), rtol=0.0, atol=0.0) is None
    assert numeric(np.array([4, 6]), np.array([2, 3]), rtol=0.0, atol=0.0).name == "constant_factor"


def test_a_factor_next_to_one_is_a_small_error_not_a_scale():
    assert constant_factor(1.0001 * E, E, **TOL) is None
    assert numeric(1.0001 * E, E, **TOL) is None


def test_a_factor_applies_where_expected_is_zero_too():
    expected = np.array([0.0, 1.5, -2.0, 0.0, 0.7])
    assert numeric(3 * expected, expected, **TOL).name == "constant_factor"
    assert numeric(3 * expected + np.array([1.0, 0, 0, 0, 0]), expected, **TOL) is None


# ---- order and specific shapes ----------------------------------------------------------------------------------


def test_a_square_transpose_is_named_a_transpose_not_a_permutation():
    square = E[:, :3]
    assert permuted(square.T, square, **TOL) is not None
    assert numeric(square.T, square, **TOL).name == "transposed"


def test_a_batched_transpose_names_the_last_two_axes():
    batch = np.stack([E, 2 * E + 1])
    diagnosis = numeric(np.swapaxes(batch, -1, -2), batch, **TOL)
    assert diagnosis.name == "transposed" and "last two axes" in diagnosis.message


@pytest.mark.parametrize("axis", [0, 1])
@pytest.mark.parametrize("step", [1, -1])
def test_a_roll_by_one_is_a_shift_and_names_the_axis(axis, step):
    diagnosis = numeric(np.roll(E, step, axis=axis), E, **TOL)
    assert diagnosis.name == "shifted" and f"axis {axis}" in diagnosis.message
    assert ("expected[i - 1]" if step == 1 else "expected[i + 1]") in diagnosis.message


def test_a_shift_with_zero_fill_is_a_shift():
    labels = np.array([5, 3, 8, 1, 9])
    got = np.concatenate([labels[1:], [0]])
    diagnosis = numeric(got, labels, rtol=0.0, atol=0.0)
    assert diagnosis.name == "shifted" and "expected[i + 1]" in diagnosis.message


def test_a_reversal_is_named():
    values = np.array([0.1, 0.7, 0.3, 0.9])
    diagnosis = numeric(values[::-1].copy(), values, **TOL)
    assert diagnosis.name == "permuted" and "reverse order along axis 0" in diagnosis.message
    # Two entries swapped is a reversal, not a shift.
    assert numeric(np.array([2.0, 1.0]), np.array([1.0, 2.0]), **TOL).name == "permuted"


def test_a_constant_expected_answer_gets_no_shift_permutation_or_transpose():
    flat = np.full((3, 3), 0.5)
    for diagnose in (shifted, permuted, transposed):
        assert diagnose(flat + 1, flat, **TOL) is None
    assert numeric(np.full((3, 3), 1.5), flat, **TOL).name == "constant_factor"


def test_inf_and_nan_suggest_the_stable_form():
    diagnosis = non_finite(np.array([np.nan, 0.5]), np.array([0.2, 0.5]), **TOL)
    assert "log-sum-exp" in diagnosis.message and "max" in diagnosis.message and "clamp" in diagnosis.message
    assert "log-sum-exp" in diagnosis.message_zh


def test_integer_dtype_fires_on_arrays_and_tensors_but_not_on_python_numbers():
    assert integer_dtype(np.array([1, 2]), np.array([1.0, 2.0]), **TOL) is not None
    assert numeric(TensorData(np.array([1, 2])), TensorData(np.array([1.5, 2.5])), **TOL).name == "integer_dtype"
    assert numeric(torch.tensor([1, 2]), np.array([1.5, 2.5]), **TOL).name == "integer_dtype"
    assert integer_dtype([1, 2], [1.5, 2.5], **TOL) is None
    assert numeric([1, 2], [1.0, 2.0], **TOL) is None  # the checker accepts Python ints for floats


def test_the_diagnoses_never_import_torch():
    code = (
        "import sys, numpy as np; from grader.diagnosis import numeric; "
        "d = numeric(-np.eye(3) - 1, np.eye(3) + 1); "
        "assert d.name == 'sign_flipped' and 'torch' not in sys.modules, sorted(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_tensors_lists_and_tensor_data_are_accepted():
    assert numeric(torch.tensor(-E), TensorData(E), **TOL).name == "sign_flipped"
    assert numeric(torch.tensor(-E, dtype=torch.bfloat16), E, rtol=1e-2, atol=1e-2).name == "sign_flipped"
    assert numeric((2 * E).tolist(), E.tolist(), **TOL).name == "constant_factor"
    assert numeric([2, 4, 6], [1.0, 2.0, 3.0], **TOL).name == "constant_factor"


def test_a_structure_is_diagnosed_at_its_first_wrong_part():
    got = {"loss": 1.25, "grad": [E, -E]}
    expected = {"loss": 1.25, "grad": [E, E]}
    diagnosis = numeric(got, expected, **TOL)
    assert diagnosis.name == "sign_flipped"
    assert diagnosis.message.startswith("In ['grad'][1]: ") and diagnosis.message_zh.startswith("['grad'][1] 中：")


def test_a_nan_in_a_later_part_is_named_before_a_permutation_in_an_earlier_one():
    got = [SCRAMBLED, np.array([np.nan, 1.0])]
    diagnosis = numeric(got, [E, np.array([0.5, 1.0])], **TOL)
    assert diagnosis.name == "non_finite" and diagnosis.message.startswith("In [1]: ")


def test_inf_where_a_boolean_mask_is_expected_is_not_an_overflow():
    mask = np.array([[True, False], [True, True]])
    additive = np.where(mask, 0.0, -np.inf)
    assert non_finite(additive, mask, **TOL) is None
    assert numeric(additive, mask, rtol=0.0, atol=0.0) is None


def test_two_entries_are_too_few_for_an_offset_a_bare_factor_or_a_shift():
    pair = np.array([1.4, 0.5])
    assert numeric(pair - 0.55, pair, **TOL) is None
    assert numeric(pair * 0.3, pair, **TOL) is None
    assert numeric(np.array([1.4, 1.4]), pair, **TOL) is None  # [a, b] -> [a, a] "shifted" with its edge
    assert numeric(pair * 2, pair, **TOL).name == "constant_factor"  # a named factor is evidence enough


def test_a_tiny_offset_is_a_small_error_not_a_missing_term():
    assert constant_offset(E + 1e-5, E, **TOL) is None


def test_a_mask_or_repeated_labels_in_other_places_is_no_permutation():
    mask = np.array([[True, True, False], [True, False, False]])
    assert numeric(np.array([[True, False, True], [False, True, False]]), mask, rtol=0.0, atol=0.0) is None
    labels = np.array([0, 1, 2, 1, 0, 2, 1, 0])
    assert numeric(np.array([1, 0, 2, 0, 1, 2, 0, 1]), labels, rtol=0.0, atol=0.0) is None


def test_offset_is_exact_for_integers():
    assert numeric(np.array([2, 5, 9]), np.array([1, 4, 8]), rtol=0.0, atol=0.0).name == "constant_offset"


# ---- degenerate inputs --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("got", "expected"),
    [
        (np.zeros(0), np.zeros(0)),
        (np.zeros(3), np.zeros(0)),
        (np.zeros((3, 0)), np.zeros((0, 3))),
        (np.ones(3), np.zeros(3)),  # everything is some shape of zero: say nothing
        (np.ones((2, 2)), np.zeros((2, 2))),
        (np.array([7.0]), np.array([3.0])),
        (np.ones((1, 1)), np.array([[3.0]])),
        (3.0, 1.0),
        (0.0, 1.0),
        (None, E),
        ("abc", "abd"),
        (True, False),
        ([1.0, "x"], [1.0, 2.0]),
        ([[1.0], [2.0, 3.0]], [[1.0], [2.0, 4.0]]),
        ({"a": 1.0}, {"b": 1.0}),
        (np.array([np.nan, 1.0, 2.0]), np.array([np.nan, 1.0, 2.5])),
        (np.array([0.0, 1.0, 2.0]), np.array([np.nan, 1.0, 2.0])),
        (np.array([np.inf, 1.0]), np.array([-np.inf, 1.0])),
        (np.zeros(4), E[0]),
        (E[::2], E),
    ],
)
def test_degenerate_inputs_give_nothing_and_never_raise(got, expected):
    assert numeric(got, expected, **TOL) is None
    for diagnose in NUMERIC_DIAGNOSES:
        assert diagnose(got, expected, **TOL) is None


def test_nan_in_expected_keeps_the_right_diagnosis():
    expected = np.array([np.nan, 1.0, -2.0, 0.5])
    assert numeric(2 * expected, expected, **TOL).name == "constant_factor"
    assert numeric(expected + 1, expected, **TOL).name == "constant_offset"
    assert numeric(np.array([np.nan, 1.0, np.inf, 0.5]), expected, **TOL).name == "non_finite"


def test_a_scalar_with_the_sign_flipped_is_named():
    assert numeric(-0.75, 0.75, **TOL).name == "sign_flipped"


def test_an_offset_is_stated_and_zero_offset_is_not_a_diagnosis():
    diagnosis = constant_offset(E + 0.5, E, **TOL)
    assert "0.5" in diagnosis.message
    assert constant_offset(E + 1e-13, E, **TOL) is None


# ---- never on a correct answer ------------------------------------------------------------------------------------

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
arrays = hnp.arrays(np.float64, hnp.array_shapes(min_dims=0, max_dims=3, max_side=5), elements=finite)
tolerances = st.sampled_from([(1e-9, 1e-12), (1e-5, 1e-8), (1e-2, 1e-3), (0.0, 0.0)])


@settings(max_examples=300, deadline=None)
@given(expected=arrays, tolerance=tolerances, fractions=st.data())
def test_no_diagnosis_fires_within_tolerance(expected, tolerance, fractions):
    rtol, atol = tolerance
    fraction = fractions.draw(
        hnp.arrays(np.float64, expected.shape, elements=st.floats(min_value=-0.5, max_value=0.5)),
    )
    got = np.asarray(expected + fraction * (atol + rtol * np.abs(expected)))  # 0-d stays an array
    assert allclose(got, expected, params={"rtol": rtol, "atol": atol}).ok
    assert numeric(got, expected, rtol=rtol, atol=atol, params={"T": 2.0, "alpha": 16, "r": 8}) is None
    for diagnose in NUMERIC_DIAGNOSES:
        assert diagnose(got, expected, rtol=rtol, atol=atol) is None


@settings(max_examples=200, deadline=None)
@given(got=arrays, expected=arrays, tolerance=tolerances)
def test_any_pair_of_arrays_gives_a_diagnosis_or_none_and_never_one_the_checker_accepts(got, expected, tolerance):
    rtol, atol = tolerance
    diagnosis = numeric(got, expected, rtol=rtol, atol=atol)
    assert diagnosis is None or not allclose(got, expected, params={"rtol": rtol, "atol": atol}).ok


@settings(max_examples=200, deadline=None)
@given(
    expected=hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=1, max_dims=2, min_side=3, max_side=5),
        elements=st.floats(min_value=0.5, max_value=100),
        unique=True,
    ),
    factor=st.floats(min_value=0.1, max_value=10).filter(lambda c: abs(c - 1) > 1e-3),
)
def test_a_scaled_answer_is_always_a_constant_factor(expected, factor):
    assert numeric(factor * expected, expected, **TOL).name == "constant_factor"
