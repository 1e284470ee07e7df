"""Diagnoses of a wrong answer: the named mistake it matches (a known-wrong solution's output) or a numeric
shape it has (a constant factor, a transpose, a flipped sign, ...). Visible samples only, never hidden tests.

`Diagnosis` is the one shape a diagnosis takes in reports (`Report.to_dict()["diagnosis"]`); `DiagnosisKind`
names its kinds. `numeric(got, expected, rtol=..., atol=...)` returns the most specific generic diagnosis that fits
a wrong part of the answer, or None; it never fires on an answer the checker would accept. Each generic diagnosis
is a pure function of its own (`constant_factor`, `transposed`, ...), tried by `numeric` in the order of
`NUMERIC_DIAGNOSES`. A diagnosis "fits" when the checker's own comparison (`checkers.compare_arrays`, same
rtol/atol) accepts the answer against the transformed expected one; none fires where the transform changes nothing,
and the shapes fitted with a free number need EVIDENCE entries.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from enum import StrEnum

import numpy as np

from grader.checkers import allclose, compare_arrays
from grader.wire import TensorData


class DiagnosisKind(StrEnum):
    MISTAKE = "mistake"  # the learner's outputs equal a known-wrong solution's on the visible samples
    NUMERIC = "numeric"  # a generic numeric shape of the wrong answer


@dataclass(frozen=True)
class Diagnosis:
    kind: DiagnosisKind
    name: str
    message: str
    message_zh: str

    def to_dict(self) -> dict:
        return asdict(self) | {"kind": str(self.kind)}


# ---- values ---------------------------------------------------------------------------------------------------

# The problem parameters a factor may be named after: each symbol and the argument names it goes by.
PARAMETER_NAMES: dict[str, tuple[str, ...]] = {
    "T": ("T", "temperature", "tau"),
    "α": ("alpha", "lora_alpha"),
    "r": ("r", "rank"),
}


def _tensor(value) -> np.ndarray | None:
    """A torch tensor's values as an ndarray, or None when `value` is not one."""
    torch = sys.modules.get("torch")  # a torch tensor can only exist once torch is imported: never import it here
    tensor_type = getattr(torch, "Tensor", None)
    if tensor_type is None or not isinstance(value, tensor_type):
        return None
    tensor = value.detach().cpu()
    return (tensor.float() if tensor.dtype == getattr(torch, "bfloat16", None) else tensor).numpy()


def _array(value) -> np.ndarray | None:
    """`value` as an ndarray of numbers, or None when it is not numeric data (strings, None, ragged lists...)."""
    if isinstance(value, TensorData):
        value = value.array
    tensor = _tensor(value)
    if tensor is not None:
        value = tensor
    if isinstance(value, np.ndarray):
        return value if value.dtype.kind in "biuf" else None
    if isinstance(value, (str, bytes, dict)) or value is None:
        return None
    try:
        array = np.asarray(value)
    except (ValueError, TypeError):  # ragged lists, odd objects
        return None
    return array if array.dtype.kind in "biuf" else None


def _is_array(value) -> bool:
    """Whether `value` carries its own dtype (an array or a tensor), as opposed to Python numbers and lists."""
    return isinstance(value, (np.ndarray, TensorData)) or _tensor(value) is not None


def _plain_numbers(value) -> bool:
    """Whether `value` is a number or a (nested) list of numbers: one array to the checker, not a structure."""
    if type(value) in (list, tuple):
        return all(_plain_numbers(item) for item in value)
    return type(value) in (int, float)


def _dtype_kind(value) -> str:
    """The numpy kind ("f", "i", "b", ...) of a value's numbers, or "" when it is not numeric data."""
    array = _array(value)
    return "" if array is None else array.dtype.kind


def _fits(got: np.ndarray, candidate: np.ndarray, rtol: float, atol: float) -> bool:
    """The checker's own test: would `got` be accepted if `candidate` were the expected answer?"""
    return compare_arrays(got, candidate, rtol, atol).ok


def _pair(got, expected, rtol: float, atol: float) -> tuple[np.ndarray, np.ndarray] | None:
    """Both answers as float64 arrays when they are numeric data and the values are wrong, else None."""
    g, e = _array(got), _array(expected)
    if g is None or e is None:
        return None
    g, e = g.astype(np.float64), e.astype(np.float64)
    if e.size < 1 or _fits(g, e, rtol, atol):
        return None
    return g, e


def _trivial(e: np.ndarray, candidate: np.ndarray, rtol: float, atol: float) -> bool:
    """Whether a transform leaves the expected answer as it is (then naming it would be wrong)."""
    return candidate.shape == e.shape and _fits(candidate, e, rtol, atol)


def _numeric(name: str, message: str, message_zh: str) -> Diagnosis:
    return Diagnosis(DiagnosisKind.NUMERIC, name, message, message_zh)


def _number(x: float) -> str:
    return f"{x:.4g}"


# A shape fitted with one free number (a factor, an offset) or a shift needs this many entries to mean anything:
# two numbers are always some multiple of each other, and any two entries differ by some constant.
EVIDENCE = 3

# ---- the diagnoses ----------------------------------------------------------------------------------------------


def integer_dtype(got, expected, *, rtol: float = 1e-9, atol: float = 1e-12, params=None) -> Diagnosis | None:
    """An array of integers (or booleans) where a floating-point array is expected."""
    g, e = _array(got), _array(expected)
    if g is None or e is None or not _is_array(got) or e.dtype.kind != "f" or g.dtype.kind not in "biu":
        return None
    return _numeric(
        "integer_dtype",
        f"Your answer is an array of {g.dtype}, but a floating-point array is expected. Look for integer division "
        "(//), an integer dtype where the array was created (np.zeros_like of an integer input, torch.long), or a "
        "cast such as .astype(int); compute in floating point.",
        f"你的答案是 {g.dtype} 数组，但期望的是浮点（floating-point）数组。检查是否用了整除（//）、"
        "由整数输入创建数组（整数输入上的 np.zeros_like、torch.long），或者 .astype(int) 之类的转换；请用浮点数计算。",
    )


def non_finite(got, expected, *, rtol: float = 1e-9, atol: float = 1e-12, params=None) -> Diagnosis | None:
    """NaN or inf where the expected answer is finite: an overflow or a log(0), usually."""
    pair = _pair(got, expected, rtol, atol)
    if pair is None or pair[0].shape != pair[1].shape or _dtype_kind(expected) != "f":
        return None  # an inf where integers or booleans are expected is a wrong type, not an overflow
    g, e = pair
    if not np.any(~np.isfinite(g) & np.isfinite(e)):
        return None
    return _numeric(
        "non_finite",
        "Your answer has NaN or inf where the expected answer is finite: something overflowed or took log(0) or "
        "0/0. Use the numerically stable form: subtract the maximum before exp (softmax), use log-sum-exp "
        "(log_softmax) instead of log(softmax), and clamp values before log or division.",
        "你的答案在期望为有限值的位置出现了 NaN 或 inf：通常是溢出（overflow），或者算了 log(0)、0/0。"
        "请用数值稳定（numerically stable）的写法：exp 之前先减去最大值（softmax），用 log-sum-exp（log_softmax）"
        "代替 log(softmax)，取 log 或做除法前先 clamp。",
    )


def transposed(got, expected, *, rtol: float = 1e-9, atol: float = 1e-12, params=None) -> Diagnosis | None:
    """The expected answer with its last two axes swapped."""
    pair = _pair(got, expected, rtol, atol)
    if pair is None or pair[1].ndim < 2 or pair[1].size < 2:
        return None
    g, e = pair
    swapped = np.swapaxes(e, -1, -2)
    if g.shape != swapped.shape or _trivial(e, swapped, rtol, atol) or not _fits(g, swapped, rtol, atol):
        return None
    axes = "" if e.ndim == 2 else " in its last two axes"
    axes_zh = "" if e.ndim == 2 else "（最后两个轴）"
    return _numeric(
        "transposed",
        f"Your answer is the expected one transposed{axes}. Check the order of a matrix product (x @ W.T versus "
        "W @ x) and which axis holds rows.",
        f"你的答案是期望结果的转置（transpose）{axes_zh}。检查矩阵乘法的顺序（x @ W.T 还是 W @ x），以及哪个轴是行。",
    )


def sign_flipped(got, expected, *, rtol: float = 1e-9, atol: float = 1e-12, params=None) -> Diagnosis | None:
    """The expected answer with its sign flipped."""
    pair = _pair(got, expected, rtol, atol)
    if pair is None or pair[0].shape != pair[1].shape:
        return None
    g, e = pair
    if _trivial(e, -e, rtol, atol) or not _fits(g, -e, rtol, atol):
        return None
    return _numeric(
        "sign_flipped",
        "Your answer has the right magnitude but the opposite sign. Check for a missing minus (a loss is the "
        "negative log-likelihood), a subtraction in the wrong order, or a step taken up the gradient instead of down.",
        "你的答案大小对，但符号（sign）反了。检查是否漏了负号（损失是负对数似然），减法的顺序是否反了，"
        "或者沿梯度上升而不是下降。",
    )


def _factors(e: np.ndarray, params: Mapping | None) -> list[tuple[float, str, str, str]]:
    """Common factors as (value, symbol, what it is, what it is in Chinese): the problem's parameters first (T², T,
    α/r), then 2 and the lengths N of the answer's axes."""
    values: dict[str, float] = {}
    for symbol, names in PARAMETER_NAMES.items():
        for name in names:
            value = (params or {}).get(name)
            if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
                continue
            if math.isfinite(value) and value > 0:
                values[symbol] = float(value)
                break
    named: list[tuple[float, str, str, str]] = []

    def both(value: float, symbol: str, detail: str = "", detail_zh: str = "") -> None:
        named.append((value, symbol, detail, detail_zh or detail))
        named.append((1 / value, f"1/{symbol}", detail, detail_zh or detail))

    if "T" in values:
        both(values["T"] ** 2, "T²", f"T = {_number(values['T'])}")
        both(values["T"], "T", f"T = {_number(values['T'])}")
    if "α" in values and "r" in values:
        detail = f"α = {_number(values['α'])}, r = {_number(values['r'])}"
        named += [
            (values["α"] / values["r"], "α/r", detail, detail),
            (values["r"] / values["α"], "r/α", detail, detail),
        ]
    both(2.0, "2")
    for axis, length in enumerate(e.shape):
        if length > 2:
            both(float(length), "N", f"N = {length}, the length of axis {axis}", f"N = {length}，第 {axis} 轴的长度")
    if e.ndim > 1 and e.size > 2:
        both(float(e.size), "N", f"N = {e.size}, the number of entries", f"N = {e.size}，元素个数")
    return [factor for factor in named if factor[0] != 1]


def constant_factor(
    got, expected, *, rtol: float = 1e-9, atol: float = 1e-12, params: Mapping | None = None
) -> Diagnosis | None:
    """The expected answer times one constant c (not 0, 1 or -1); named when c is a common factor."""
    pair = _pair(got, expected, rtol, atol)
    if pair is None or pair[0].shape != pair[1].shape:
        return None
    g, e = pair
    finite = np.isfinite(e) & np.isfinite(g)
    nonzero = finite & (np.abs(e) > atol)
    denominator = float(np.sum(e[finite] ** 2))
    if not nonzero.any() or denominator == 0 or not math.isfinite(denominator):
        return None
    if int(nonzero.sum()) < 2 and _dtype_kind(expected) != "f":
        return None  # one count against another (2 against 1) is some multiple of it by chance
    for value, symbol, detail, detail_zh in _factors(e, params):
        if not _trivial(e, value * e, rtol, atol) and _fits(g, value * e, rtol, atol):
            name, name_zh = (f"{symbol} ({detail})", f"{symbol}（{detail_zh}）") if detail else (symbol, symbol)
            return _numeric(
                "constant_factor",
                f"Your answer is the expected one times {name}. Look for a factor of {symbol} that is missing, "
                "applied twice or inverted (a sum where a mean is asked, a scale left out).",
                f"你的答案是期望结果乘以 {name_zh}。检查常数因子（constant factor）{symbol} "
                "是否漏了、乘了两次或者乘反了（该求平均却求了和，漏了缩放）。",
            )
    c = float(np.sum(g[finite] * e[finite]) / denominator)  # the least-squares factor
    if int(nonzero.sum()) < EVIDENCE or not math.isfinite(c) or abs(c) < 1e-12 or abs(abs(c) - 1) < 1e-3:
        return None  # a factor within 0.1% of ±1 is a small error elsewhere (an epsilon), not a scale
    if _trivial(e, c * e, rtol, atol) or not _fits(g, c * e, rtol, atol):
        return None
    return _numeric(
        "constant_factor",
        f"Your answer is {_number(c)}× the expected one everywhere: the method is right up to a constant factor. "
        "Look for a scale that is missing, doubled or inverted.",
        f"你的答案处处是期望结果的 {_number(c)} 倍：方法对了，只差一个常数因子（constant factor）。"
        "检查是否漏了缩放、缩放了两次或者乘反了。",
    )


def constant_offset(got, expected, *, rtol: float = 1e-9, atol: float = 1e-12, params=None) -> Diagnosis | None:
    """The expected answer plus one constant c in every entry (three at least), c not tiny next to the values."""
    pair = _pair(got, expected, rtol, atol)
    if pair is None or pair[0].shape != pair[1].shape:
        return None
    g, e = pair
    finite = np.isfinite(e) & np.isfinite(g)
    if int(finite.sum()) < EVIDENCE or not np.any(np.abs(e[finite]) > atol):
        return None
    c = float(np.median(g[finite] - e[finite]))
    if not math.isfinite(c) or abs(c) < 1e-3 * float(np.max(np.abs(e[finite]))):
        return None  # an offset of 0.1% of the values is a small error elsewhere (an epsilon), not a missing term
    if _trivial(e, e + c, rtol, atol) or not _fits(g, e + c, rtol, atol):
        return None
    return _numeric(
        "constant_offset",
        f"Your answer is off by the same constant ({_number(c)}) in every entry. Look for a term added or left "
        "out once: a bias, a constant in a log, a +1 or -1.",
        f"你的答案每个元素都差同一个常数偏移（constant offset）{_number(c)}。检查是否多加或漏加了一项："
        "偏置（bias）、log 里的常数、+1 或 -1。",
    )


def _shifts(e: np.ndarray):
    """Every shift of `e` by one position along an axis of EVIDENCE entries or more: (axis, +1 or -1, shifted),
    rolled or padded with the edge value or zero. (Two entries rolled are a reversal, named by `permuted`; two
    entries shifted are one entry repeated, which says little.)"""
    for axis in range(e.ndim):
        if e.shape[axis] < EVIDENCE:
            continue
        for step in (1, -1):
            yield axis, step, np.roll(e, step, axis=axis)
            kept = np.take(e, range(0, e.shape[axis] - 1) if step == 1 else range(1, e.shape[axis]), axis=axis)
            edge = np.take(e, [0] if step == 1 else [e.shape[axis] - 1], axis=axis)
            for fill in (edge, np.zeros_like(edge)):
                yield axis, step, np.concatenate((fill, kept) if step == 1 else (kept, fill), axis=axis)


def shifted(got, expected, *, rtol: float = 1e-9, atol: float = 1e-12, params=None) -> Diagnosis | None:
    """The expected answer shifted by one position along one axis (rolled, or padded with its edge or zeros)."""
    pair = _pair(got, expected, rtol, atol)
    if pair is None or pair[0].shape != pair[1].shape:
        return None
    g, e = pair
    for axis, step, candidate in _shifts(e):
        if not _trivial(e, candidate, rtol, atol) and _fits(g, candidate, rtol, atol):
            where = "got[i] holds expected[i - 1]" if step == 1 else "got[i] holds expected[i + 1]"
            where_zh = "got[i] 是 expected[i - 1]" if step == 1 else "got[i] 是 expected[i + 1]"
            return _numeric(
                "shifted",
                f"Your answer is the expected one shifted by one position along axis {axis} ({where}). Look for "
                "an off-by-one: an index that starts at 1 instead of 0, a slice such as [1:] versus [:-1], or "
                "labels not shifted against the inputs.",
                f"你的答案是期望结果沿第 {axis} 轴错位（shift）了一位（{where_zh}）。检查差一错误（off-by-one）："
                "下标从 1 而不是 0 开始、[1:] 和 [:-1] 用反，或者标签没有相对输入错开一位。",
            )
    return None


def permuted(got, expected, *, rtol: float = 1e-9, atol: float = 1e-12, params=None) -> Diagnosis | None:
    """The expected values in other positions (the same multiset); named a reversal when it is one."""
    pair = _pair(got, expected, rtol, atol)
    if pair is None or pair[0].shape != pair[1].shape or pair[1].size < 2:
        return None
    g, e = pair
    for axis in range(e.ndim):
        reverse = np.flip(e, axis=axis)
        if not _trivial(e, reverse, rtol, atol) and _fits(g, reverse, rtol, atol):
            return _numeric(
                "permuted",
                f"Your answer has the expected values in reverse order along axis {axis}. Check the direction of "
                "a sort (ascending versus descending) or of a scan.",
                f"你的答案沿第 {axis} 轴的顺序正好反了（reverse）。检查排序方向（升序还是降序）或扫描方向。",
            )
    order = np.sort(e.ravel())
    distinct = np.unique(order[np.isfinite(order)]).size
    if distinct < max(EVIDENCE, e.size / 2):
        return None  # a mask or a few repeated labels in other places is a different answer, not a reordering
    if not _fits(np.sort(g.ravel()), order, rtol, atol):
        return None
    return _numeric(
        "permuted",
        "Your answer has the right values in the wrong positions (a permutation of the expected ones). Check the "
        "order of an axis or of a sort, an index mapping, or a reshape that should have been a transpose.",
        "你的答案数值都对，但位置错了（是期望结果的一个排列，permutation）。检查轴的顺序、排序、下标映射，"
        "或者本该转置却用了 reshape。",
    )


# The order `numeric` tries them in: most specific first.
NUMERIC_DIAGNOSES: tuple[Callable[..., Diagnosis | None], ...] = (
    integer_dtype,
    non_finite,
    transposed,
    sign_flipped,
    constant_factor,
    constant_offset,
    shifted,
    permuted,
)


def _failing(got, expected, rtol: float, atol: float, path: str = ""):
    """Each (path, got, expected) leaf the checker rejects, in order, walking lists and dicts as the checker does."""
    if allclose(got, expected, params={"rtol": rtol, "atol": atol}).ok:
        return
    if type(expected) is dict and type(got) is dict and set(got) == set(expected):
        for key in expected:
            yield from _failing(got[key], expected[key], rtol, atol, f"{path}[{key!r}]")
    elif type(expected) is list and type(got) is list and len(got) == len(expected) and not _plain_numbers(expected):
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):
            yield from _failing(g, e, rtol, atol, f"{path}[{i}]")
    else:
        yield path, got, expected


def numeric(
    got, expected, *, rtol: float = 1e-9, atol: float = 1e-12, params: Mapping | None = None
) -> Diagnosis | None:
    """The most specific generic diagnosis of a wrong part of `got`, or None (always None when accepted).

    `params` are the problem's numeric parameters (T, alpha, r, ...), used to name a constant factor."""
    wrong = list(_failing(got, expected, rtol, atol))
    for diagnose in NUMERIC_DIAGNOSES:  # the most specific diagnosis of any wrong part: a NaN is the news
        for path, part, expected_part in wrong:
            diagnosis = diagnose(part, expected_part, rtol=rtol, atol=atol, params=params)
            if diagnosis is None:
                continue
            if not path:
                return diagnosis
            return _numeric(diagnosis.name, f"In {path}: {diagnosis.message}", f"{path} 中：{diagnosis.message_zh}")
    return None
