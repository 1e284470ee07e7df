"""Custom runs: the learner's literals parsed and shaped like sample 1's arguments (no sandbox), then the
submission and the reference run on them in the real sandbox and compared with the problem's checker."""

import json

import numpy as np
import pytest

from grader import CustomInputError, Verdict, custom_run, default_arguments, find_problem, spec_from_files, wire
from grader.custom import MAX_ELEMENTS, MAX_TEXT_BYTES, literal, parse_arguments

REFERENCE_SECRET = "SECRET_REFERENCE_LINE = 'only the reference holds this'"
SCALE_REFERENCE = (
    "import numpy as np\n"
    f"{REFERENCE_SECRET}\n"
    "def scale(x, factor, label):\n"
    "    if factor < 0:\n"
    "        raise ValueError('negative factor ' + SECRET_REFERENCE_LINE)\n"
    "    print(SECRET_REFERENCE_LINE)\n"
    "    return x * factor\n"
)


def scale_problem() -> dict[str, str]:
    """A small problem with a cases.json: x (float32 array), factor (float), label (str)."""
    cases = [
        {
            "name": "sample-1",
            "hidden": False,
            "args": {"x": {"__ndarray__": [[1.5, 2.0], [3.0, 4.0]], "dtype": "float32"}, "factor": 2.0, "label": "a"},
        },
        {
            "name": "h",
            "hidden": True,
            "args": {"x": {"__ndarray__": [[1.0]], "dtype": "float32"}, "factor": 3.0, "label": "b"},
        },
    ]
    return {
        "problem.toml": 'kind = "code"\ntitle = "Scale"\ndifficulty = "easy"\ntopic = "training"\n'
        'tags = ["x"]\nflavour = "numpy"\nentry = "scale"\n',
        "statement.md": "Return `x * factor`.",
        "starter.py": "def scale(x, factor, label):\n    raise NotImplementedError\n",
        "reference.py": SCALE_REFERENCE,
        "cases.json": json.dumps(cases),
    }


LIKE = {
    "A": np.zeros((2, 2)),
    "k": 1,
    "t": 0.5,
    "flag": True,
    "name": "x",
    "ids": np.zeros(3, dtype=np.int64),
    "xs": [np.zeros(2)],
    "opts": {"lr": 0.1},
    "w": wire.TensorData(np.zeros((2,), dtype=np.float32)),
}


def texts(**changes) -> dict[str, str]:
    base = {name: literal(value) for name, value in LIKE.items()}
    return base | changes


# ---- parsing and conversion (trusted side only) -----------------------------------------------------------


def test_sample_literals_read_back_to_equal_values_of_the_same_types():
    like = {
        "A": np.array([[1.0, -2.5e-7], [np.nan, np.inf]]),
        "ids": np.array([1, 2, 3], dtype=np.int32),
        "mask": np.array([True, False]),
        "w": wire.TensorData(np.array([0.1, 0.2], dtype=np.float32)),
        "k": 3,
        "t": -0.75,
        "name": "it's",
        "xs": [np.array([1.0]), np.array([2.0, 3.0])],
        "opts": {"lr": 0.1, "steps": 2},
        "none": None,
    }
    args = parse_arguments({name: literal(value) for name, value in like.items()}, like)
    assert args.keys() == like.keys()
    for name in ("A", "ids", "mask"):
        assert args[name].dtype == like[name].dtype
        np.testing.assert_array_equal(args[name], like[name])
    assert isinstance(args["w"], wire.TensorData) and args["w"].array.dtype == np.float32
    np.testing.assert_array_equal(args["w"].array, like["w"].array)
    assert args["k"] == 3 and type(args["k"]) is int
    assert args["t"] == -0.75 and args["name"] == "it's" and args["none"] is None
    assert [type(x) for x in args["xs"]] == [np.ndarray, np.ndarray]
    assert args["opts"] == {"lr": 0.1, "steps": 2}
    assert literal(like["w"]) == "[0.1, 0.2]"  # float32 written shortest, not as 0.10000000149011612


def test_learner_literals_take_sample_types():
    args = parse_arguments(texts(A="((1, 2), (3, 4))", t="2", xs="[[1, 2, 3]]", w="[1, 2]"), LIKE)
    assert args["A"].dtype == np.float64 and args["A"].shape == (2, 2)  # tuples and ints become a float64 array
    assert type(args["t"]) is float and args["t"] == 2.0
    assert args["xs"][0].dtype == np.float64 and args["xs"][0].shape == (3,)
    assert args["w"].array.dtype == np.float32


@pytest.mark.parametrize(
    "name,text,words",
    [
        ("A", "[[1, 2], [3, 4]", "not a Python literal"),
        ("A", "__import__('os').system('true')", "not a Python literal"),
        ("A", "[[1, 2], [3]]", "not a rectangular array"),
        ("A", "[1, 2]", "must be a 2-D array"),
        ("A", "[['1', '2'], ['3', '4']]", "must hold numbers"),
        ("ids", "[1.5, 2, 3]", "must hold integers"),
        ("ids", "[1, 2, 99999999999999999999]", "not a rectangular array of int64"),
        ("k", "1.5", "must be an integer"),
        ("k", "True", "must be an integer"),
        ("t", "'fast'", "must be a number"),
        ("flag", "1", "must be True or False"),
        ("name", "3", "must be a string"),
        ("opts", "{1: 2}", "dict with string keys"),
        ("xs", "5", "must be a list"),
        ("k", "1j", "must be an integer"),
        ("opts", "{'beta': 1j}", "not supported"),
        ("opts", "{'beta': {1, 2}}", "not supported"),
        ("opts", "{'beta': b'raw'}", "not supported"),
        ("A", "[" * 40 + "]" * 40, "nested more than"),
    ],
)
def test_an_unusable_literal_names_its_parameter(name, text, words):
    with pytest.raises(CustomInputError) as caught:
        parse_arguments(texts(**{name: text}), LIKE)
    assert caught.value.parameter == name
    assert words in caught.value.message


def test_wrong_arity_names_the_parameter():
    missing = texts()
    del missing["k"]
    with pytest.raises(CustomInputError) as caught:
        parse_arguments(missing, LIKE)
    assert caught.value.parameter == "k" and "missing" in caught.value.message
    with pytest.raises(CustomInputError) as caught:
        parse_arguments(texts(extra="1"), LIKE)
    assert caught.value.parameter == "extra" and "not a parameter" in caught.value.message


def test_huge_input_is_refused_before_parsing():
    with pytest.raises(CustomInputError) as caught:
        parse_arguments(texts(A="[" + "1.0, " * (MAX_TEXT_BYTES // 5) + "]"), LIKE)
    assert "KiB" in caught.value.message
    with pytest.raises(CustomInputError) as caught:
        parse_arguments(texts(xs="[" + "[1], " * (MAX_ELEMENTS // 2) + "]"), LIKE)
    assert caught.value.parameter == "xs" and "elements" in caught.value.message


# ---- in the real sandbox ----------------------------------------------------------------------------------


def test_sample_one_by_default_matches_the_reference(sandbox_pool):
    spec = find_problem("low-rank-approximation")
    defaults = default_arguments(spec, sandbox_pool)
    assert list(defaults) == ["A", "k"] and defaults["k"] == "1"
    result = custom_run(spec, spec.reference, defaults, pool=sandbox_pool)
    assert result.verdict == Verdict.ACCEPTED, result
    assert result.output == result.reference_output and result.output.startswith("array(")


def test_own_input_is_compared_with_the_checker(sandbox_pool):
    spec = find_problem("low-rank-approximation")
    inputs = {"A": "[[3, 0, 0], [0, 2, 0], [0, 0, 1]]", "k": "2"}
    result = custom_run(spec, spec.reference, inputs, pool=sandbox_pool)
    assert result.verdict == Verdict.ACCEPTED
    assert "3." in result.reference_output and "2." in result.reference_output
    wrong = "def low_rank_approximation(A, k):\n    return A.copy()\n"
    result = custom_run(spec, wrong, inputs, pool=sandbox_pool)
    assert result.verdict == Verdict.WRONG_ANSWER and result.message
    assert result.output != result.reference_output


def test_learner_exception_is_a_runtime_error_verdict(sandbox_pool):
    spec = find_problem("low-rank-approximation")
    source = "def low_rank_approximation(A, k):\n    print('dbg', k)\n    return A[k, 99]\n"
    result = custom_run(spec, source, {"A": "[[1.0, 2.0]]", "k": "0"}, pool=sandbox_pool)
    assert result.verdict == Verdict.RUNTIME_ERROR
    assert "IndexError" in result.message and "solution.py" in result.message
    assert result.output is None and result.stdout == "dbg 0\n"
    syntax = custom_run(spec, "def low_rank_approximation(A, k)\n", {"A": "[[1.0]]", "k": "1"}, pool=sandbox_pool)
    assert syntax.verdict == Verdict.SYNTAX_ERROR


def test_torch_problem_gets_tensors_of_the_sample_dtype(sandbox_pool):
    spec = find_problem("distillation-loss")
    defaults = default_arguments(spec, sandbox_pool)
    result = custom_run(spec, spec.reference, defaults, pool=sandbox_pool)
    assert result.verdict == Verdict.ACCEPTED, result


def test_reference_failure_shows_neither_its_text_nor_its_output(sandbox_pool):
    spec = spec_from_files("custom-scale", scale_problem())
    mine = "def scale(x, factor, label):\n    return x * factor\n"
    result = custom_run(spec, mine, {"x": "[[1, 2]]", "factor": "3", "label": "'z'"}, pool=sandbox_pool)
    assert result.verdict == Verdict.ACCEPTED and result.output == result.reference_output
    assert "float32" in result.output
    assert "SECRET" not in json.dumps(result.to_dict())  # the reference's print stays inside
    failed = custom_run(spec, mine, {"x": "[[1, 2]]", "factor": "-1", "label": "'z'"}, pool=sandbox_pool)
    assert failed.verdict is None and failed.reference_output is None
    assert "raised ValueError" in failed.message and failed.output is not None
    assert "SECRET" not in json.dumps(failed.to_dict())
