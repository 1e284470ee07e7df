"""Cross-check the transformers group's references against torch built-ins or independent implementations."""

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from tests.bank.conftest import load_cases, load_module

SLUGS = [
    "scaled-dot-product-attention",
    "multi-head-attention",
    "layer-norm",
    "rms-norm",
    "gelu",
    "sinusoidal-positions",
    "rotary-embedding",
]


def reference(slug: str, entry: str):
    return getattr(load_module(slug, "reference.py"), entry)


def as_numpy(value) -> np.ndarray:
    return value.detach().numpy() if isinstance(value, torch.Tensor) else np.asarray(value)


def assert_same_cases(first: list[dict], second: list[dict]) -> None:
    assert [c["name"] for c in first] == [c["name"] for c in second]
    for a, b in zip(first, second, strict=True):
        assert a["hidden"] == b["hidden"]
        assert a["args"].keys() == b["args"].keys()
        for key in a["args"]:
            x, y = a["args"][key], b["args"][key]
            if isinstance(x, np.ndarray | torch.Tensor):
                assert type(x) is type(y)
                np.testing.assert_array_equal(as_numpy(x), as_numpy(y))
                assert as_numpy(x).dtype == as_numpy(y).dtype
            else:
                assert x == y


@pytest.mark.parametrize("slug", SLUGS)
def test_generator_is_deterministic_and_well_formed(slug):
    cases = load_cases(slug)
    assert_same_cases(cases, load_cases(slug))
    names = [c["name"] for c in cases]
    assert len(set(names)) == len(names)
    visible = [c for c in cases if not c["hidden"]]
    assert 2 <= len(visible) <= 3
    assert 6 <= len(cases) - len(visible) <= 12
    # Where a problem draws random arrays, a different seed gives different data for at least one case.
    other = load_cases(slug, seed=12345)
    has_arrays = any(isinstance(v, np.ndarray | torch.Tensor) for c in cases for v in c["args"].values())
    assert not has_arrays or any(
        not np.array_equal(as_numpy(a["args"][k]), as_numpy(b["args"][k]))
        for a, b in zip(cases, other, strict=True)
        for k in a["args"]
        if isinstance(a["args"][k], np.ndarray | torch.Tensor)
    )


def test_attention_matches_torch_sdpa():
    attention = reference("scaled-dot-product-attention", "attention")
    for case in load_cases("scaled-dot-product-attention"):
        args = case["args"]
        got = attention(**args)
        q, k, v = (torch.from_numpy(args[n]) for n in ("Q", "K", "V"))
        t_q, t_k = q.shape[1], k.shape[1]
        mask = None
        if args["causal"]:
            # Bottom-right aligned: torch's is_causal is top-left, so pass the boolean mask explicitly.
            mask = torch.ones(t_q, t_k, dtype=torch.bool).tril(diagonal=t_k - t_q)
        expected = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
        assert got.dtype == np.float64 and got.shape == tuple(expected.shape), case["name"]
        np.testing.assert_allclose(got, expected.numpy(), rtol=1e-10, atol=1e-12, err_msg=case["name"])


def test_multi_head_attention_matches_nn_multihead_attention():
    mha_fn = reference("multi-head-attention", "multi_head_attention")
    for case in load_cases("multi-head-attention"):
        args = case["args"]
        x, d_model = args["x"], args["x"].shape[-1]
        got = mha_fn(**args)
        module = nn.MultiheadAttention(d_model, args["n_heads"], bias=False, batch_first=True, dtype=torch.float64)
        with torch.no_grad():
            module.in_proj_weight.copy_(torch.cat([args["W_q"], args["W_k"], args["W_v"]]))
            module.out_proj.weight.copy_(args["W_o"])
            T = x.shape[1]
            # nn.MultiheadAttention's boolean mask marks the positions that may NOT be attended.
            mask = torch.ones(T, T, dtype=torch.bool).triu(1) if args["causal"] else None
            expected, _ = module(x, x, x, attn_mask=mask, need_weights=False)
        assert isinstance(got, torch.Tensor) and got.dtype == torch.float64, case["name"]
        assert got.shape == expected.shape, case["name"]
        torch.testing.assert_close(got, expected, rtol=1e-10, atol=1e-12, msg=case["name"])


def test_layer_norm_matches_nn_layer_norm():
    layer_norm = reference("layer-norm", "layer_norm")
    for case in load_cases("layer-norm"):
        args = case["args"]
        got = layer_norm(**args)
        d = args["gamma"].shape[0]
        module = nn.LayerNorm(d, eps=args["eps"], dtype=torch.float64)
        with torch.no_grad():
            module.weight.copy_(torch.from_numpy(args["gamma"]))
            module.bias.copy_(torch.from_numpy(args["beta"]))
            expected = module(torch.from_numpy(args["x"])).numpy()
        assert got.dtype == np.float64 and got.shape == args["x"].shape, case["name"]
        # torch computes the statistics differently; on rows with a mean of ~3e4 the two disagree by
        # ~1e-11, which is why the problem's atol is 1e-10.
        np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-10, err_msg=case["name"])


def test_rms_norm_matches_nn_rms_norm():
    rms_norm = reference("rms-norm", "rms_norm")
    for case in load_cases("rms-norm"):
        args = case["args"]
        got = rms_norm(**args)
        module = nn.RMSNorm(args["weight"].shape[0], eps=args["eps"], dtype=torch.float64)
        with torch.no_grad():
            module.weight.copy_(torch.from_numpy(args["weight"]))
            expected = module(torch.from_numpy(args["x"])).numpy()
        assert got.dtype == np.float64 and got.shape == args["x"].shape, case["name"]
        np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-14, err_msg=case["name"])


def test_gelu_matches_torch_gelu():
    gelu = reference("gelu", "gelu")
    cases = load_cases("gelu")
    assert {c["args"]["approximate"] for c in cases} == {"none", "tanh"}
    for case in cases:
        args = case["args"]
        got = gelu(**args)
        expected = F.gelu(torch.from_numpy(args["x"]), approximate=args["approximate"]).numpy()
        assert got.dtype == np.float64 and got.shape == args["x"].shape, case["name"]
        np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-15, err_msg=case["name"])


def test_gelu_exact_form_matches_tabulated_normal_cdf():
    gelu = reference("gelu", "gelu")
    # Standard normal CDF values from tables (independent of any erf implementation).
    x = np.array([-3.0, -1.0, 0.0, 0.5, 2.0])
    phi = np.array([0.0013498980316300946, 0.15865525393145707, 0.5, 0.6914624612740131, 0.9772498680518208])
    np.testing.assert_allclose(gelu(x, "none"), x * phi, rtol=1e-13, atol=0)
    # The two forms really differ, by far more than the checker's tolerance.
    assert np.max(np.abs(gelu(x, "none") - gelu(x, "tanh"))) > 1e-4


def test_sinusoidal_positions_match_the_paper_formula():
    sinusoidal_positions = reference("sinusoidal-positions", "sinusoidal_positions")
    for case in load_cases("sinusoidal-positions"):
        T, d = case["args"]["seq_len"], case["args"]["d_model"]
        got = sinusoidal_positions(T, d)
        # Scalar loop straight from the paper: PE(pos, 2i) = sin(pos / 10000^(2i/d)), PE(pos, 2i+1) = cos(...).
        expected = np.zeros((T, d))
        for pos in range(T):
            for j in range(d):
                angle = pos / 10000.0 ** ((j - j % 2) / d)
                expected[pos, j] = math.sin(angle) if j % 2 == 0 else math.cos(angle)
        assert got.dtype == np.float64 and got.shape == (T, d), case["name"]
        np.testing.assert_allclose(got, expected, rtol=0, atol=1e-12, err_msg=case["name"])


def test_sinusoidal_positions_shift_is_a_rotation():
    # PE(pos + k) is PE(pos) rotated pairwise by angle k * freq_i: the property that motivates the design.
    pe = reference("sinusoidal-positions", "sinusoidal_positions")(40, 8)
    k, freq = 7, 10000.0 ** (-np.arange(0, 8, 2) / 8)
    sin_p, cos_p = pe[:-k, 0::2], pe[:-k, 1::2]
    np.testing.assert_allclose(pe[k:, 0::2], sin_p * np.cos(k * freq) + cos_p * np.sin(k * freq), atol=1e-12)
    np.testing.assert_allclose(pe[k:, 1::2], cos_p * np.cos(k * freq) - sin_p * np.sin(k * freq), atol=1e-12)


def rope_complex(x: np.ndarray, positions: np.ndarray, base: float) -> np.ndarray:
    """Independent RoPE: pair (i, i + d/2) as the complex number x_i + j x_{i+d/2}, times e^{j p theta_i}."""
    half = x.shape[1] // 2
    theta = np.array([base ** (-2.0 * i / x.shape[1]) for i in range(half)])
    z = (x[:, :half] + 1j * x[:, half:]) * np.exp(1j * np.outer(positions, theta))
    return np.concatenate([z.real, z.imag], axis=1)


def test_rope_matches_complex_rotation():
    apply_rope = reference("rotary-embedding", "apply_rope")
    for case in load_cases("rotary-embedding"):
        args = case["args"]
        got = apply_rope(**args)
        expected = rope_complex(args["x"], args["positions"], args["base"])
        assert got.dtype == np.float64 and got.shape == args["x"].shape, case["name"]
        np.testing.assert_allclose(got, expected, rtol=0, atol=1e-11, err_msg=case["name"])
        np.testing.assert_allclose(np.linalg.norm(got, axis=1), np.linalg.norm(args["x"], axis=1), rtol=1e-12)


def test_rope_scores_depend_only_on_relative_position():
    apply_rope = reference("rotary-embedding", "apply_rope")
    rng = np.random.default_rng(0)
    q, k = rng.normal(size=(1, 8)), rng.normal(size=(1, 8))
    scores = [
        (apply_rope(q, np.array([m]), 10000.0) @ apply_rope(k, np.array([m - 3]), 10000.0).T).item()
        for m in (3, 10, 250)
    ]
    np.testing.assert_allclose(scores, scores[0], rtol=1e-10)
    # ... and they do depend on the offset.
    other = (apply_rope(q, np.array([10]), 10000.0) @ apply_rope(k, np.array([5]), 10000.0).T).item()
    assert abs(other - scores[0]) > 1e-6


def test_parameter_count_card_matches_a_real_layer():
    # qa-transformer-parameter-count: 12 d^2 weights + 9 d biases + 4 d LayerNorm parameters per layer.
    d = 64
    layer = nn.TransformerEncoderLayer(d, nhead=4, dim_feedforward=4 * d)
    assert sum(p.numel() for p in layer.parameters()) == 12 * d * d + 9 * d + 4 * d
    # GPT-2 small: 12 layers of width 768, 50257 tied token embeddings, 1024 learned positions and a final
    # LayerNorm give exactly the published 124,439,808 parameters.
    gpt2_small = 12 * (12 * 768**2 + 13 * 768) + 50257 * 768 + 1024 * 768 + 2 * 768
    assert gpt2_small == 124_439_808
