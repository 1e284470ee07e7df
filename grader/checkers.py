"""Compare a submission's output with the expected one: pure functions over plain decoded values.

Every checker has the shape `check(got, expected, *, args, params) -> CheckResult`. Values
come from `wire.decode` on the trusted side, so arrays are plain ndarrays and tensors are TensorData.
Messages describe the difference in full: the judge shows them on visible tests only, and a hidden test's
entry is rebuilt from its verdict alone (`grader.result.HIDDEN_MESSAGES`), so no checker needs to know
which kind of test it is comparing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from grader.wire import TensorData


@dataclass(frozen=True)
class CheckResult:
    """A comparison's outcome, and why it failed in English and in Chinese (numbers and Python names stay as
    they are)."""

    ok: bool
    message: str = ""
    message_zh: str = ""


OK = CheckResult(True)


def _kind(value) -> str:
    if value is None:
        return "None"
    if isinstance(value, TensorData):
        return f"a tensor of shape {tuple(value.array.shape)}"
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    return f"a {type(value).__name__}"


def _kind_zh(value) -> str:
    if value is None:
        return "None"
    if isinstance(value, TensorData):
        return f"形状为 {tuple(value.array.shape)} 的张量 (tensor)"
    if isinstance(value, np.ndarray):
        return f"形状为 {value.shape} 的数组 (array)"
    return f"{type(value).__name__} 类型的值"


def _fail(message: str, message_zh: str) -> CheckResult:
    return CheckResult(False, message, message_zh)


def _where(path: str) -> str:
    return f" in {path}" if path else ""


def _where_zh(path: str) -> str:
    return f"（位置 {path}）" if path else ""


def _as_array(value) -> np.ndarray | None:
    if isinstance(value, TensorData):
        return value.array
    if isinstance(value, np.ndarray):
        return value
    if type(value) is int:
        return np.asarray(value, dtype=np.int64)
    if type(value) is float:
        return np.asarray(value, dtype=np.float64)
    return None


def _number(value) -> int | float | None:
    """A scalar as a Python int or float (integers stay integers), or None when it is not one."""
    if type(value) in (int, float):
        return value
    array = _as_array(value)
    if array is not None and array.shape == () and array.dtype.kind in "iuf":
        return array.item()
    return None


def _first(mask: np.ndarray) -> tuple[int, ...]:
    return tuple(int(i) for i in np.argwhere(mask)[0]) if mask.shape else ()


def compare_arrays(got: np.ndarray, expected: np.ndarray, rtol: float, atol: float, path: str = "") -> CheckResult:
    """Exact shape, NaN/inf in the same places, then |got - expected| <= atol + rtol*|expected|."""
    if got.shape != expected.shape:
        return _fail(
            f"shape mismatch{_where(path)}: got {got.shape}, expected {expected.shape}",
            f"形状不符{_where_zh(path)}：得到 {got.shape}，应为 {expected.shape}",
        )
    if expected.dtype.kind == "f" and got.dtype.kind != "f":
        return _fail(
            f"dtype mismatch{_where(path)}: got {got.dtype}, expected a floating-point array ({expected.dtype})",
            f"数据类型 (dtype) 不符{_where_zh(path)}：得到 {got.dtype}，应为浮点数组 ({expected.dtype})",
        )
    if expected.dtype.kind in "iub" and got.dtype.kind not in ("b" if expected.dtype.kind == "b" else "iu"):
        return _fail(
            f"dtype mismatch{_where(path)}: got {got.dtype}, expected {expected.dtype}",
            f"数据类型 (dtype) 不符{_where_zh(path)}：得到 {got.dtype}，应为 {expected.dtype}",
        )
    if rtol == 0 and atol == 0 and expected.dtype.kind in "iu" and got.dtype.kind in "iu":
        # integers compare as integers: through float64, 2**53 + 1 would equal 2**53
        same = got.dtype.kind == expected.dtype.kind
        differ = got != expected if same else got.astype(object) != expected.astype(object)
        if not np.any(differ):
            return OK
        idx = _first(np.asarray(differ, dtype=bool))
        at = f" at index {list(idx)}" if idx else ""
        count = f"; {int(np.sum(differ))} of {differ.size} entries are off" if expected.size > 1 else ""
        at_zh = f"，下标 {list(idx)}" if idx else ""
        count_zh = f"；{differ.size} 个元素中有 {int(np.sum(differ))} 个不对" if expected.size > 1 else ""
        return _fail(
            f"wrong answer{_where(path)}{at}: got {got[idx]}, expected {expected[idx]}{count}",
            f"答案错误{_where_zh(path)}{at_zh}：得到 {got[idx]}，应为 {expected[idx]}{count_zh}",
        )
    g, e = got.astype(np.float64), expected.astype(np.float64)
    for name, test in (("NaN", np.isnan), ("+inf", np.isposinf), ("-inf", np.isneginf)):
        mismatch = test(g) != test(e)
        if mismatch.any():
            idx = tuple(int(i) for i in np.argwhere(mismatch)[0])
            at = f" at index {list(idx)}" if idx else ""
            at_zh = f"，下标 {list(idx)}" if idx else ""
            return _fail(
                f"{name} mismatch{_where(path)}{at}: got {g[idx]!r}, expected {e[idx]!r}",
                f"{name} 的位置不符{_where_zh(path)}{at_zh}：得到 {g[idx]!r}，应为 {e[idx]!r}",
            )
    finite = np.isfinite(e)
    with np.errstate(invalid="ignore", over="ignore"):
        err = np.where(finite, np.abs(g - e), 0.0)
    tol = atol + rtol * np.abs(np.where(finite, e, 0.0))
    bad = err > tol
    if not bad.any():
        return OK
    excess = np.where(bad, err - tol, -np.inf)
    idx = tuple(int(i) for i in np.unravel_index(int(np.argmax(excess)), e.shape)) if e.shape else ()
    with np.errstate(over="ignore"):
        rel = np.where(bad, err / np.maximum(np.abs(e), np.finfo(np.float64).tiny), 0.0)
    ridx = tuple(int(i) for i in np.unravel_index(int(np.argmax(rel)), e.shape)) if e.shape else ()
    at = f" at index {list(idx)}" if idx else ""
    count = f"; {int(bad.sum())} of {bad.size} entries are off" if bad.size > 1 else ""
    rel_at = f" at index {list(ridx)}" if ridx else ""
    at_zh = f"，下标 {list(idx)}" if idx else ""
    count_zh = f"；{bad.size} 个元素中有 {int(bad.sum())} 个超出容差" if bad.size > 1 else ""
    rel_at_zh = f"，下标 {list(ridx)}" if ridx else ""
    return _fail(
        (
            f"wrong answer{_where(path)}{at}: got {g[idx]:.10g}, expected {e[idx]:.10g} "
            f"(worst absolute error {err[idx]:.3g}; worst relative error {rel[ridx]:.3g}{rel_at}; "
            f"allowed: {atol:g} + {rtol:g}·|expected|){count}"
        ),
        (
            f"答案错误{_where_zh(path)}{at_zh}：得到 {g[idx]:.10g}，应为 {e[idx]:.10g}"
            f"（最大绝对误差 {err[idx]:.3g}；最大相对误差 {rel[ridx]:.3g}{rel_at_zh}；"
            f"允许：{atol:g} + {rtol:g}·|expected|）{count_zh}"
        ),
    )


def allclose(got, expected, *, args=None, params=None, path="") -> CheckResult:
    """Structural comparison with a numeric tolerance (exact when rtol = atol = 0)."""
    params = params or {}
    rtol, atol = float(params.get("rtol", 1e-9)), float(params.get("atol", 1e-12))
    if expected is None:
        return (
            OK
            if got is None
            else _fail(
                f"expected None{_where(path)}, got {_kind(got)}",
                f"应返回 None{_where_zh(path)}，实际得到{_kind_zh(got)}",
            )
        )
    if got is None:
        return _fail(
            f"returned None{_where(path)}: did you forget a return statement?",
            f"返回了 None{_where_zh(path)}：是不是忘了写 return？",
        )
    if type(expected) is bool:
        if type(got) is not bool:
            return _fail(
                f"expected a bool{_where(path)}, got {_kind(got)}",
                f"应返回 bool{_where_zh(path)}，实际得到{_kind_zh(got)}",
            )
        return (
            OK
            if got == expected
            else _fail(
                f"wrong answer{_where(path)}: got {got}, expected {expected}",
                f"答案错误{_where_zh(path)}：得到 {got}，应为 {expected}",
            )
        )
    if type(expected) is str:
        if type(got) is not str:
            return _fail(
                f"expected a str{_where(path)}, got {_kind(got)}",
                f"应返回 str{_where_zh(path)}，实际得到{_kind_zh(got)}",
            )
        return (
            OK
            if got == expected
            else _fail(
                f"wrong answer{_where(path)}: got {got!r}, expected {expected!r}",
                f"答案错误{_where_zh(path)}：得到 {got!r}，应为 {expected!r}",
            )
        )
    if type(expected) in (int, float):
        if type(got) is bool:
            return _fail(f"expected a number{_where(path)}, got a bool", f"应返回数值{_where_zh(path)}，实际得到 bool")
        n = _number(got)
        if n is None:
            return _fail(
                f"expected a number{_where(path)}, got {_kind(got)}",
                f"应返回数值{_where_zh(path)}，实际得到{_kind_zh(got)}",
            )
        if type(expected) is int and rtol == 0 and atol == 0:
            if isinstance(n, int):
                equal = n == expected
            else:
                equal = math.isfinite(n) and n.is_integer() and int(n) == expected
            return (
                OK
                if equal
                else _fail(
                    f"wrong answer{_where(path)}: got {n!r}, expected {expected}",
                    f"答案错误{_where_zh(path)}：得到 {n!r}，应为 {expected}",
                )
            )
        return compare_arrays(np.asarray(float(n)), np.asarray(float(expected)), rtol, atol, path)
    if isinstance(expected, (np.ndarray, TensorData)):
        g, e = _as_array(got), _as_array(expected)
        assert e is not None  # expected is an array or a tensor here
        if g is None or type(got) in (int, float) and e.shape != ():
            return _fail(
                f"expected {_kind(expected).replace('a tensor', 'a tensor/array')}{_where(path)}, got {_kind(got)}",
                f"应返回{_kind_zh(expected).replace('张量 (tensor)', '张量或数组')}{_where_zh(path)}，"
                f"实际得到{_kind_zh(got)}",
            )
        return compare_arrays(g, e, rtol, atol, path)
    if type(expected) is list:
        if isinstance(got, (np.ndarray, TensorData)) and all(type(x) in (int, float) for x in expected):
            got = (got.array if isinstance(got, TensorData) else got).tolist()
        if type(got) is not list:
            return _fail(
                f"expected a list{_where(path)}, got {_kind(got)}",
                f"应返回 list{_where_zh(path)}，实际得到{_kind_zh(got)}",
            )
        if len(got) != len(expected):
            return _fail(
                f"wrong length{_where(path)}: got {len(got)} items, expected {len(expected)}",
                f"长度不符{_where_zh(path)}：得到 {len(got)} 项，应为 {len(expected)} 项",
            )
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):
            result = allclose(g, e, params=params, path=f"{path}[{i}]")
            if not result.ok:
                return result
        return OK
    if type(expected) is dict:
        if type(got) is not dict:
            return _fail(
                f"expected a dict{_where(path)}, got {_kind(got)}",
                f"应返回 dict{_where_zh(path)}，实际得到{_kind_zh(got)}",
            )
        if set(got) != set(expected):
            return _fail(
                f"wrong keys{_where(path)}: got {sorted(got)}, expected {sorted(expected)}",
                f"键 (keys) 不符{_where_zh(path)}：得到 {sorted(got)}，应为 {sorted(expected)}",
            )
        for key in expected:
            result = allclose(got[key], expected[key], params=params, path=f"{path}[{key!r}]")
            if not result.ok:
                return result
        return OK
    return _fail("the expected value has an unsupported type", "参考答案的类型不受支持")


def exact(got, expected, *, args=None, params=None) -> CheckResult:
    """Exact equality of structure and values (integers, strings, token lists, masks)."""
    return allclose(got, expected, args=args, params={"rtol": 0.0, "atol": 0.0})


def low_rank(got, expected, *, args, params=None) -> CheckResult:
    """Accept any optimal rank-k approximation of args["A"]: rank <= k and Eckart–Young error."""
    rtol = float((params or {}).get("rtol", 1e-8))
    a = np.asarray(_as_array(args["A"]), dtype=np.float64)
    k = int(args["k"])
    b = _as_array(got)
    if got is None:
        return _fail("returned None: did you forget a return statement?", "返回了 None：是不是忘了写 return？")
    if b is None or isinstance(got, (int, float)):
        return _fail(
            f"expected an array of shape {a.shape}, got {_kind(got)}",
            f"应返回形状为 {a.shape} 的数组，实际得到{_kind_zh(got)}",
        )
    if b.shape != a.shape:
        return _fail(
            f"shape mismatch: got {b.shape}, expected {a.shape} (the same shape as A)",
            f"形状不符：得到 {b.shape}，应为 {a.shape}（与 A 相同）",
        )
    if b.dtype.kind != "f":
        return _fail(
            f"dtype mismatch: got {b.dtype}, expected a floating-point array",
            f"数据类型 (dtype) 不符：得到 {b.dtype}，应为浮点数组",
        )
    b = b.astype(np.float64)
    if not np.isfinite(b).all():
        return _fail("the answer contains NaN or inf", "答案中有 NaN 或 inf")
    norm_a = float(np.linalg.norm(a))
    scale = max(norm_a, np.finfo(np.float64).tiny)
    s_a = np.linalg.svd(a, compute_uv=False)
    s_b = np.linalg.svd(b, compute_uv=False)
    if k < len(s_b) and s_b[k] > rtol * scale:
        return _fail(
            f"the answer has rank greater than k = {k}: its singular value number {k + 1} is "
            f"{s_b[k]:.3g} (allowed: {rtol:g}·||A||_F = {rtol * scale:.3g})",
            f"答案的秩 (rank) 大于 k = {k}：第 {k + 1} 个奇异值为 {s_b[k]:.3g}"
            f"（允许：{rtol:g}·||A||_F = {rtol * scale:.3g}）",
        )
    optimum = float(np.sqrt(np.sum(s_a[k:] ** 2)))
    error = float(np.linalg.norm(a - b))
    if abs(error - optimum) > rtol * scale:
        return _fail(
            f"not the best rank-{k} approximation: ||A - B||_F = {error:.10g}, but the optimum is "
            f"{optimum:.10g} (allowed difference {rtol:g}·||A||_F = {rtol * scale:.3g})",
            f"不是最优的秩 {k} 近似：||A - B||_F = {error:.10g}，而最优值为 {optimum:.10g}"
            f"（允许差 {rtol:g}·||A||_F = {rtol * scale:.3g}）",
        )
    return OK


CHECKERS = {"allclose": allclose, "exact": exact, "low_rank": low_rank}


def check(name: str, got, expected, *, args: dict, params: dict) -> CheckResult:
    return CHECKERS[name](got, expected, args=args, params=params)
