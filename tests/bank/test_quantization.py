"""Cross-check the quantization problems (NF4, FP8 E4M3, MX block scaling, int8 KV cache) against independent code."""

from fractions import Fraction

import numpy as np
import pytest
import torch

SLUGS = ["nf4-quantize", "fp8-e4m3-round", "mx-block-scaling", "int8-kv-cache-quant"]


def _fp8_values() -> np.ndarray:
    """Every finite FP8 E4M3FN value, decoded by torch from all 256 bit patterns (NaN patterns dropped)."""
    decoded = torch.arange(256, dtype=torch.int32).to(torch.uint8).view(torch.float8_e4m3fn).double().numpy()
    return decoded[np.isfinite(decoded)]


def _torch_e4m3(x: np.ndarray) -> np.ndarray:
    """torch's float8_e4m3fn cast (which, in the installed torch, saturates overflow and +-inf to +-448)."""
    return torch.as_tensor(x, dtype=torch.float64).to(torch.float8_e4m3fn).double().numpy()


@pytest.mark.parametrize("slug", SLUGS)
def test_generator_is_deterministic(bank, slug):
    first, second = bank.cases(slug), bank.cases(slug)
    assert [c["name"] for c in first] == [c["name"] for c in second]
    assert len({c["name"] for c in first}) == len(first)
    assert 2 <= sum(not c["hidden"] for c in first) <= 3
    assert all(not c["hidden"] for c in first[:2]), "visible samples come first"
    for a, b in zip(first, second, strict=True):
        assert a["args"].keys() == b["args"].keys()
        for key in a["args"]:
            np.testing.assert_array_equal(np.asarray(a["args"][key]), np.asarray(b["args"][key]))
    other = bank.cases(slug, seed=12345)
    assert any(
        not np.array_equal(np.asarray(a["args"][k]), np.asarray(b["args"][k]))
        for a, b in zip(first, other, strict=False)
        for k in a["args"]
    ), "the seed should change the cases"


def test_nf4_table_is_the_normal_quantile_construction(bank):
    # bitsandbytes' create_normal_map(offset=0.9677083, use_extra_value=True), with torch's inverse normal CDF
    table = bank.module("nf4-quantize", "reference.py").NF4
    offset = 0.9677083
    positive = torch.special.ndtri(torch.linspace(offset, 0.5, 9, dtype=torch.float64)[:-1])
    negative = -torch.special.ndtri(torch.linspace(offset, 0.5, 8, dtype=torch.float64)[:-1])
    levels = torch.sort(torch.cat([positive, torch.zeros(1, dtype=torch.float64), negative])).values
    levels = levels / levels.abs().max()
    np.testing.assert_allclose(table, levels.numpy(), rtol=0, atol=1e-6)  # the published table is float32


def test_nf4_quantize(bank):
    ref = bank.module("nf4-quantize", "reference.py").nf4_quantize
    table = [Fraction(float(t)) for t in bank.module("nf4-quantize", "reference.py").NF4]
    for case in bank.cases("nf4-quantize"):
        x = case["args"]["x"]
        block = case["args"].get("block_size", 64)
        codes, absmax, deq = ref(**case["args"])
        flat = x.reshape(-1)
        blocks = [flat[i : i + block] for i in range(0, flat.size, block)]
        np.testing.assert_array_equal(absmax, [np.abs(b).max() for b in blocks], err_msg=case["name"])
        expected_codes = []
        for b in blocks:
            a = Fraction(float(np.abs(b).max()))
            for value in b:
                v = Fraction(float(value)) / a if a else Fraction(0)
                # exact nearest level; min() keeps the first of equal distances, i.e. the lower code
                expected_codes.append(min(range(16), key=lambda j, v=v: abs(v - table[j])))
        assert codes.shape == x.shape and np.issubdtype(codes.dtype, np.integer)
        np.testing.assert_array_equal(codes.reshape(-1), expected_codes, err_msg=case["name"])
        scale = np.repeat(absmax, block)[: flat.size]
        expected = np.array([float(table[c]) for c in expected_codes]) * scale
        np.testing.assert_array_equal(deq.reshape(-1), expected, err_msg=case["name"])
        if case["name"] == "exact-ties":
            assert sorted(codes[1:].tolist()) == list(range(15)), "each midpoint goes to its lower level"


def test_fp8_e4m3_round(bank):
    ref = bank.module("fp8-e4m3-round", "reference.py").fp8_e4m3_round
    values = _fp8_values()
    assert values.size == 254  # 256 patterns less the two NaNs (+0 and -0 both count)
    magnitudes = np.unique(np.abs(values))  # sorted order = bit pattern order
    assert magnitudes.size == 127 and magnitudes.max() == 448.0 and magnitudes[1] == 2.0**-9
    positive = [Fraction(float(v)) for v in magnitudes]
    for case in bank.cases("fp8-e4m3-round"):
        x = case["args"]["x"]
        got = ref(x)
        assert got.shape == x.shape and got.dtype == np.float64
        np.testing.assert_array_equal(np.isnan(got), np.isnan(x), err_msg=case["name"])
        for xi, gi in zip(x.reshape(-1), got.reshape(-1), strict=True):
            if np.isnan(xi):
                continue
            if not np.isfinite(xi) or abs(xi) >= 448:
                assert gi == np.copysign(448.0, xi), case["name"]
                continue
            a = Fraction(abs(float(xi)))
            # exact nearest; on a tie the even bit pattern (even mantissa) wins
            best = min(range(len(positive)), key=lambda j, a=a: (abs(a - positive[j]), j % 2))
            assert gi == np.copysign(float(positive[best]), xi), (case["name"], xi, gi)
        # torch's own cast, on the inputs float32 holds exactly (torch may round float64 through float32 first);
        # values beyond float32's range become +-inf there, which torch, like the statement, saturates to +-448
        with np.errstate(over="ignore"):
            exact = (x.astype(np.float32).astype(np.float64) == x) | (np.abs(x) > 448)
        np.testing.assert_array_equal(got[exact], _torch_e4m3(x[exact]), err_msg=case["name"])


def test_torch_cast_saturates_like_the_statement():
    # the statement's convention (OCP's saturating conversion) is also what the installed torch's cast does
    x = torch.tensor([449.0, 464.0, 500.0, 1e4, float("inf"), -float("inf"), float("nan")], dtype=torch.float64)
    cast = x.to(torch.float8_e4m3fn).double()
    assert cast[:6].tolist() == [448.0, 448.0, 448.0, 448.0, 448.0, -448.0] and torch.isnan(cast[6])


def test_mx_block_scaling(bank):
    ref = bank.module("mx-block-scaling", "reference.py").mx_quantize
    for case in bank.cases("mx-block-scaling"):
        x = case["args"]["x"]
        exps, deq = ref(x)
        t = torch.as_tensor(x, dtype=torch.float64)
        blocks = t.reshape(*t.shape[:-1], t.shape[-1] // 32, 32)
        amax = blocks.abs().amax(dim=-1)
        _, e = torch.frexp(amax)
        X = torch.where(amax > 0, e.long() - 1 - 8, torch.full_like(e, -127, dtype=torch.long)).clamp(-127, 127)
        np.testing.assert_array_equal(exps, X.numpy(), err_msg=case["name"])
        assert np.issubdtype(exps.dtype, np.integer)
        scale = torch.pow(torch.tensor(2.0, dtype=torch.float64), X.double())[..., None]
        scaled = blocks / scale
        unclamped = (amax > 0) & (X.abs() < 127)
        top = scaled.abs().amax(dim=-1)[unclamped]
        assert torch.all((top >= 256) & (top < 512)), "an unclamped block maximum scales into [256, 512)"
        # torch may cast via float32; that rounding could only matter near exact E4M3 ties, held exactly in float32 here
        elements = torch.as_tensor(_torch_e4m3(np.clip(scaled.float().double().numpy(), -448, 448)))
        expected = (elements * scale).reshape(t.shape).numpy()
        np.testing.assert_array_equal(deq, expected, err_msg=case["name"])


def test_int8_kv_cache_quant(bank):
    ref = bank.module("int8-kv-cache-quant", "reference.py").kv_cache_quantize
    for case in bank.cases("int8-kv-cache-quant"):
        k, v = case["args"]["k"], case["args"]["v"]
        k_codes, k_scales, v_codes, v_scales, k_hat, v_hat = ref(k, v)
        for x, codes, scales, hat, dim in ((k, k_codes, k_scales, k_hat, 2), (v, v_codes, v_scales, v_hat, 3)):
            t = torch.as_tensor(x)
            s = t.abs().amax(dim=dim) / 127
            q = torch.round(t / s.unsqueeze(dim)).clamp(-127, 127)  # torch.round: half to even
            q = torch.where(s.unsqueeze(dim) > 0, q, torch.zeros_like(q))
            np.testing.assert_array_equal(scales, s.numpy(), err_msg=case["name"])
            np.testing.assert_array_equal(codes, q.to(torch.int8).numpy(), err_msg=case["name"])
            np.testing.assert_array_equal(hat, (q * s.unsqueeze(dim)).numpy(), err_msg=case["name"])
            assert codes.dtype == np.int8
            # every group with a nonzero amax uses the full code range, and the error is at most half a step
            assert np.all(np.abs(codes).max(axis=dim)[scales > 0] == 127)
            assert np.all(np.abs(hat - x) <= np.expand_dims(scales, dim) / 2 * (1 + 1e-12))
