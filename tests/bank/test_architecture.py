"""Cross-check the architecture problems (SwiGLU, ALiBi, scaled RoPE, pre-norm block) against independent answers."""

import math
import tomllib
from fractions import Fraction

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from tests.bank.conftest import PROBLEMS, load_cases, load_module

ENTRIES = {
    "swiglu-ffn": "swiglu_ffn",
    "alibi-biases": "alibi_biases",
    "rope-scaling": "rope_scaled",
    "prenorm-transformer-block": "transformer_block",
}


def entry(slug: str, filename: str = "reference.py"):
    return getattr(load_module(slug, filename), ENTRIES[slug])


def as_numpy(value) -> np.ndarray:
    return value.detach().numpy() if isinstance(value, torch.Tensor) else np.asarray(value)


def miss(got, expected, slug: str) -> float:
    """How many times the problem's allclose tolerance `got` misses `expected` by (inf: shape, NaN or inf mismatch)."""
    checker = tomllib.loads((PROBLEMS / slug / "problem.toml").read_text())["checker"]
    if isinstance(expected, tuple | list):
        if not isinstance(got, tuple | list) or len(got) != len(expected):
            return math.inf
        return max(miss(g, e, slug) for g, e in zip(got, expected, strict=True))
    g, e = as_numpy(got).astype(np.float64), as_numpy(expected).astype(np.float64)
    if g.shape != e.shape or np.any(np.isnan(g) != np.isnan(e)) or np.any(np.isinf(g) != np.isinf(e)):
        return math.inf
    if np.any(np.isinf(e) & (g != e)):
        return math.inf
    finite = np.isfinite(e)
    err = np.abs(g[finite] - e[finite]) / (checker["atol"] + checker["rtol"] * np.abs(e[finite]))
    return float(np.max(err, initial=0.0))


def cases_of(slug: str) -> list[dict]:
    return load_cases(slug)


@pytest.mark.parametrize("slug", ENTRIES)
def test_generator_is_deterministic_seeded_and_well_formed(slug):
    first, second = cases_of(slug), cases_of(slug)
    assert [c["name"] for c in first] == [c["name"] for c in second]
    assert len({c["name"] for c in first}) == len(first) >= 10
    assert [c["hidden"] for c in first[:2]] == [False, False] and all(c["hidden"] for c in first[2:])
    for a, b in zip(first, second, strict=True):
        for key in a["args"]:
            np.testing.assert_array_equal(as_numpy(a["args"][key]), as_numpy(b["args"][key]))
    other = load_cases(slug, seed=12345)
    assert any(
        not np.array_equal(as_numpy(a["args"][k]), as_numpy(b["args"][k]))
        for a, b in zip(first, other, strict=False)
        for k in a["args"]
    ), "the seed should change the cases"


@pytest.mark.parametrize("slug", ENTRIES)
def test_accepted_solutions_agree_with_the_reference(slug):
    reference = entry(slug)
    accepted = sorted((PROBLEMS / slug / "accept").glob("*.py"))
    assert accepted
    for path in accepted:
        solution = entry(slug, f"accept/{path.name}")
        for case in cases_of(slug):
            assert miss(solution(**case["args"]), reference(**case["args"]), slug) <= 1, (path.name, case["name"])


def test_reference_inputs_are_not_modified():
    for slug in ENTRIES:
        reference = entry(slug)
        for case in cases_of(slug):
            before = {k: np.array(as_numpy(v), copy=True) for k, v in case["args"].items()}
            reference(**case["args"])
            for key, value in case["args"].items():
                np.testing.assert_array_equal(as_numpy(value), before[key])


# --- swiglu-ffn ----------------------------------------------------------------------------------------------


def test_swiglu_matches_torch_linear_layers_with_f_silu():
    """Independent: nn.Linear modules holding the transposed weights and F.silu, in float64."""
    reference = entry("swiglu-ffn")
    for case in cases_of("swiglu-ffn"):
        x, W1, W3, W2 = (case["args"][k] for k in ("x", "W1", "W3", "W2"))
        gate = torch.nn.Linear(W1.shape[0], W1.shape[1], bias=False, dtype=torch.float64)
        up = torch.nn.Linear(W3.shape[0], W3.shape[1], bias=False, dtype=torch.float64)
        down = torch.nn.Linear(W2.shape[0], W2.shape[1], bias=False, dtype=torch.float64)
        with torch.no_grad():
            gate.weight.copy_(W1.T)
            up.weight.copy_(W3.T)
            down.weight.copy_(W2.T)
            expected = down(F.silu(gate(x)) * up(x))
        got = reference(**case["args"])
        assert got.dtype == torch.float64 and got.shape == x.shape
        assert miss(got, expected, "swiglu-ffn") <= 1e-2, case["name"]


def test_swiglu_saturated_case_really_saturates_and_stays_finite():
    """The large-pre-activation case has gates where exp(-z) overflows float64; the answer must stay finite."""
    case = next(c for c in cases_of("swiglu-ffn") if c["name"] == "saturated-preactivations")
    gate = case["args"]["x"] @ case["args"]["W1"]
    assert (gate < -709).any() and (gate > 40).any()
    assert torch.isfinite(entry("swiglu-ffn")(**case["args"])).all()


# --- alibi-biases --------------------------------------------------------------------------------------------


def _alibi_slope_exponents(n: int) -> list[Fraction]:
    """Closed form, in exact arithmetic: slope k of a power of two n is 2^(-8k/n); otherwise the closest power c
    gives exponents -8k/c, k = 1..c, and the remaining n - c heads get the odd multiples -(8/2c)(2j+1)."""
    c = 1 << (n.bit_length() - 1)
    exponents = [Fraction(-8 * k, c) for k in range(1, c + 1)]
    exponents += [Fraction(-8 * (2 * j + 1), 2 * c) for j in range(n - c)]
    return exponents


def test_alibi_slopes_match_exact_powers_of_two_and_the_papers_table():
    reference = entry("alibi-biases")
    assert list(reference(8, 1)[0]) == [2.0**-k for k in range(1, 9)]  # the paper: 1/2, 1/4, ..., 1/256
    for n in list(range(1, 129)):
        slopes, _ = reference(n, 1)
        expected = np.array([2.0 ** float(e) for e in _alibi_slope_exponents(n)])
        assert slopes.dtype == np.float64 and slopes.shape == (n,)
        np.testing.assert_allclose(slopes, expected, rtol=1e-14, atol=0)
        assert len(set(slopes.tolist())) == n, "no two heads share a slope"


def test_alibi_bias_matches_a_loop_over_heads_queries_and_keys():
    reference = entry("alibi-biases")
    for case in cases_of("alibi-biases"):
        n, t = case["args"]["n_heads"], case["args"]["seq_len"]
        exponents = _alibi_slope_exponents(n)
        expected = np.empty((n, t, t))
        for h in range(n):
            for i in range(t):
                for j in range(t):
                    expected[h, i, j] = -(2.0 ** float(exponents[h])) * (i - j) if j <= i else -np.inf
        slopes, bias = reference(n, t)
        assert bias.dtype == np.float64
        assert miss(bias, expected, "alibi-biases") <= 1e-2, case["name"]


def test_alibi_bias_as_sdpa_mask_equals_bloom_key_position_form():
    """Softmax ignores a per-row constant: attention with -m(i - j) equals attention with m*j under the mask."""
    slopes, bias = entry("alibi-biases")(6, 7)
    gen = torch.Generator().manual_seed(0)
    q, k, v = (torch.randn(1, 6, 7, 4, generator=gen, dtype=torch.float64) for _ in range(3))
    ours = F.scaled_dot_product_attention(q, k, v, attn_mask=torch.from_numpy(bias))
    key_only = torch.from_numpy(slopes)[:, None, None] * torch.arange(7, dtype=torch.float64)
    causal = torch.ones(7, 7, dtype=torch.bool).tril()
    bloom = F.scaled_dot_product_attention(q, k, v, attn_mask=key_only.masked_fill(~causal, -math.inf))
    torch.testing.assert_close(ours, bloom, rtol=1e-12, atol=1e-12)


# --- rope-scaling --------------------------------------------------------------------------------------------


def _rope_torch(x, positions, base, scaling, factor):
    """Independent: Hugging Face LLaMA's cos/sin cache and rotate_half in torch, with its linear / NTK variants."""
    x = torch.from_numpy(x)
    d = x.shape[-1]
    if scaling == "ntk":
        base = base * factor ** (d / (d - 2))
    inv_freq = 1.0 / (base ** (torch.arange(0, d, 2, dtype=torch.float64) / d))
    t = torch.from_numpy(positions).to(torch.float64)
    if scaling == "linear":
        t = t / factor
    emb = torch.cat([torch.outer(t, inv_freq)] * 2, dim=-1)
    rotated = torch.cat([-x[..., d // 2 :], x[..., : d // 2]], dim=-1)
    return (x * emb.cos() + rotated * emb.sin()).numpy()


def test_rope_scaling_matches_hugging_face_style_torch_rope():
    reference = entry("rope-scaling")
    for case in cases_of("rope-scaling"):
        got = reference(**case["args"])
        assert got.dtype == np.float64 and got.shape == case["args"]["x"].shape
        assert miss(got, _rope_torch(**case["args"]), "rope-scaling") <= 1e-2, case["name"]


@pytest.mark.parametrize("scaling", ["none", "linear", "ntk"])
def test_rope_scaling_angles_recovered_from_unit_vectors_match_the_closed_form(scaling):
    """Rotating e_i gives (cos phi, sin phi) in the (i, i + d/2) plane; phi must be the stated angle."""
    d, base, factor, p = 8, 10000.0, 4.0, 3
    h = d // 2
    x = np.eye(d)[:h]  # row i is e_i
    y = entry("rope-scaling")(x, np.full(h, p, dtype=np.int64), base=base, scaling=scaling, factor=factor)
    phi = np.arctan2(y[np.arange(h), np.arange(h) + h], y[np.arange(h), np.arange(h)])
    theta = base ** (-2.0 * np.arange(h) / d)
    expected = {
        "none": p * theta,
        "linear": p / factor * theta,
        "ntk": p * theta * factor ** (-2.0 * np.arange(h) / (d - 2)),
    }
    np.testing.assert_allclose(phi, expected[scaling], rtol=1e-12, atol=1e-15)
    if scaling == "ntk":  # the fastest pair is unchanged; the slowest is slowed by exactly `factor`
        assert phi[0] == pytest.approx(p) and phi[-1] == pytest.approx(p * theta[-1] / factor, rel=1e-12)


def test_rope_linear_interpolation_at_scaled_positions_equals_plain_rope():
    x = np.random.default_rng(0).normal(size=(4, 16))
    rope = entry("rope-scaling")
    plain = rope(x, np.array([1, 5, 100, 2000]), scaling="none")
    interpolated = rope(x, np.array([4, 20, 400, 8000]), scaling="linear", factor=4.0)
    np.testing.assert_allclose(interpolated, plain, rtol=1e-10, atol=1e-10)


# --- prenorm-transformer-block -------------------------------------------------------------------------------


def _block_with_torch_modules(x, attn_norm_w, Wq, Wk, Wv, Wo, ffn_norm_w, W1, W3, W2, n_heads, eps):
    """Independent: nn.RMSNorm and nn.MultiheadAttention (bias-free, causal mask) with the given weights."""
    D = x.shape[-1]
    norm1 = torch.nn.RMSNorm(D, eps=eps, dtype=torch.float64)
    norm2 = torch.nn.RMSNorm(D, eps=eps, dtype=torch.float64)
    mha = torch.nn.MultiheadAttention(D, n_heads, bias=False, batch_first=True, dtype=torch.float64)
    with torch.no_grad():
        norm1.weight.copy_(attn_norm_w)
        norm2.weight.copy_(ffn_norm_w)
        mha.in_proj_weight.copy_(torch.cat([Wq.T, Wk.T, Wv.T]))  # nn.Linear layout: (out, in)
        mha.out_proj.weight.copy_(Wo.T)
        T = x.shape[1]
        mask = torch.nn.Transformer.generate_square_subsequent_mask(T, dtype=torch.float64)
        a = norm1(x)
        h = x + mha(a, a, a, attn_mask=mask, need_weights=False)[0]
        f = norm2(h)
        return h + (F.silu(f @ W1) * (f @ W3)) @ W2


def test_prenorm_block_matches_torch_rmsnorm_and_multihead_attention():
    reference = entry("prenorm-transformer-block")
    for case in cases_of("prenorm-transformer-block"):
        got = reference(**case["args"])
        assert got.dtype == torch.float64 and got.shape == case["args"]["x"].shape
        expected = _block_with_torch_modules(**case["args"])
        assert miss(got, expected, "prenorm-transformer-block") <= 1e-2, case["name"]


def test_prenorm_block_is_causal_token_by_token():
    """A prefix of the sequence gives the same outputs as the whole sequence on those positions."""
    reference = entry("prenorm-transformer-block")
    case = next(c for c in cases_of("prenorm-transformer-block") if c["name"] == "long-sequence")
    full = reference(**case["args"])
    for t in (1, 5, 17):
        prefix = dict(case["args"], x=case["args"]["x"][:, :t])
        torch.testing.assert_close(reference(**prefix), full[:, :t], rtol=1e-12, atol=1e-12)
