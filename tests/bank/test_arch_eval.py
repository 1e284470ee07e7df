"""Cross-check moe-router, clip-contrastive-loss and pass-at-k against independent answers over their cases."""

import math
import tomllib
from fractions import Fraction

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from tests.bank.conftest import PROBLEMS, load_cases, load_module

SLUGS = {"moe-router": "moe_route", "clip-contrastive-loss": "clip_loss", "pass-at-k": "pass_at_k"}


def reference(slug: str):
    return getattr(load_module(slug, "reference.py"), SLUGS[slug])


def tolerance(slug: str) -> tuple[float, float]:
    checker = tomllib.loads((PROBLEMS / slug / "problem.toml").read_text())["checker"]
    return checker["rtol"], checker["atol"]


def as_numpy(value) -> np.ndarray:
    return value.detach().numpy() if isinstance(value, torch.Tensor) else np.asarray(value)


def miss(got, expected, rtol: float, atol: float) -> float:
    """How many times the allowed tolerance `got` misses by (inf for a wrong shape, dtype kind or NaN)."""
    if isinstance(expected, tuple | list):
        if not isinstance(got, tuple | list) or len(got) != len(expected):
            return math.inf
        return max(miss(g, e, rtol, atol) for g, e in zip(got, expected, strict=True))
    g, e = as_numpy(got), as_numpy(expected)
    if g.shape != e.shape or (e.dtype.kind in "iu") != (g.dtype.kind in "iu"):
        return math.inf
    g, e = g.astype(np.float64), e.astype(np.float64)
    if np.any(np.isnan(g) != np.isnan(e)):
        return math.inf
    with np.errstate(invalid="ignore"):
        return float(np.max(np.abs(g - e) / (atol + rtol * np.abs(e)), initial=0.0))


@pytest.mark.parametrize("slug", SLUGS)
def test_generator_is_deterministic_and_well_formed(slug):
    cases = load_cases(slug)
    again = load_cases(slug)
    assert [c["name"] for c in cases] == [c["name"] for c in again]
    for a, b in zip(cases, again, strict=True):
        for key, value in a["args"].items():
            np.testing.assert_array_equal(as_numpy(value), as_numpy(b["args"][key]))
    names = [c["name"] for c in cases]
    assert len(set(names)) == len(names)
    assert [c["hidden"] for c in cases[:2]] == [False, False] and all(c["hidden"] for c in cases[2:])
    assert len(cases) >= 10


# --- moe-router: an independent sort in plain Python, and Mixtral's one-hot form of the aux loss ---------------


def moe_by_python_sort(logits: np.ndarray, k: int):
    probs = torch.softmax(torch.from_numpy(logits), dim=-1)
    rows = probs.tolist()
    indices = [sorted(range(len(row)), key=lambda e, row=row: (-row[e], e))[:k] for row in rows]
    index = torch.tensor(indices, dtype=torch.int64)
    gates = torch.softmax(torch.from_numpy(logits).gather(1, index), dim=-1)  # softmax over the chosen logits
    expert_mask = F.one_hot(index, logits.shape[1]).to(torch.float64)  # (N, k, E)
    tokens_per_expert = expert_mask.mean(dim=0)  # (k, E)
    aux = logits.shape[1] * torch.sum(tokens_per_expert * probs.mean(dim=0)[None, :]).item()
    return index.numpy(), gates.numpy(), aux


def test_moe_router_matches_an_independent_sort_and_mixtral_aux_loss():
    moe_route = reference("moe-router")
    for case in load_cases("moe-router"):
        logits, k = case["args"]["router_logits"], case["args"]["k"]
        indices, gates, aux = moe_route(logits.copy(), k)
        want_indices, want_gates, want_aux = moe_by_python_sort(logits, k)
        assert indices.dtype == np.int64 and indices.shape == (logits.shape[0], k), case["name"]
        np.testing.assert_array_equal(indices, want_indices, err_msg=case["name"])
        np.testing.assert_allclose(gates, want_gates, rtol=1e-12, atol=1e-15, err_msg=case["name"])
        np.testing.assert_allclose(gates.sum(axis=1), 1.0, rtol=1e-14, err_msg=case["name"])
        assert type(aux) is float and aux == pytest.approx(want_aux, rel=1e-12), case["name"]


def test_moe_router_cases_hold_real_ties_and_a_uniform_router_scores_k():
    ties_at_cutoff = 0
    for case in load_cases("moe-router"):
        logits, k = case["args"]["router_logits"], case["args"]["k"]
        assert np.abs(logits).max() <= 30
        for row in logits:
            ordered = np.sort(row)[::-1]
            ties_at_cutoff += k < len(row) and ordered[k - 1] == ordered[k]
    assert ties_at_cutoff >= 3
    for n_experts, k in [(4, 1), (8, 2), (6, 6)]:
        assert reference("moe-router")(np.zeros((3, n_experts)), k)[2] == pytest.approx(k, rel=1e-14)


# --- clip-contrastive-loss: F.cross_entropy on F.normalize-d embeddings, text logits computed separately ------


def test_clip_loss_matches_torch_cross_entropy_on_normalised_embeddings():
    clip_loss = reference("clip-contrastive-loss")
    for case in load_cases("clip-contrastive-loss"):
        args = case["args"]
        got = clip_loss(**args)
        img, txt = F.normalize(args["image_emb"], dim=-1), F.normalize(args["text_emb"], dim=-1)
        labels = torch.arange(img.shape[0])
        per_image = F.cross_entropy(img @ txt.T / args["temperature"], labels, reduction="sum")
        per_text = F.cross_entropy(txt @ img.T / args["temperature"], labels, reduction="sum")
        expected = (per_image + per_text) / (2 * img.shape[0])
        assert isinstance(got, torch.Tensor) and got.shape == () and got.dtype == torch.float64, case["name"]
        torch.testing.assert_close(got, expected, rtol=1e-11, atol=1e-13, msg=case["name"])


def test_clip_loss_ignores_row_lengths_and_is_zero_for_one_pair():
    clip_loss = reference("clip-contrastive-loss")
    gen = torch.Generator().manual_seed(0)
    img, txt = (torch.randn(6, 5, generator=gen, dtype=torch.float64) for _ in range(2))
    scale = torch.rand(6, 1, generator=gen, dtype=torch.float64) * 100 + 0.01
    torch.testing.assert_close(clip_loss(img * scale, txt / scale, 0.07), clip_loss(img, txt, 0.07))
    assert clip_loss(img[:1], txt[:1], 0.07).item() == 0.0


# --- pass-at-k: exact rationals -----------------------------------------------------------------------------


def pass_at_k_exact(n: int, c: list[int], k: int) -> Fraction:
    total = sum(1 - Fraction(math.comb(n - ci, k), math.comb(n, k)) for ci in c)  # comb is 0 when n - c < k
    return total / len(c)


def test_pass_at_k_matches_exact_rationals():
    pass_at_k = reference("pass-at-k")
    for case in load_cases("pass-at-k"):
        args = case["args"]
        got = pass_at_k(**args)
        exact = pass_at_k_exact(**args)
        assert type(got) is float and math.isfinite(got), case["name"]
        assert abs(Fraction(got) - exact) <= Fraction(1, 10**11) * exact + Fraction(1, 10**15), case["name"]


def test_pass_at_k_cases_reach_n_10000_and_the_overflow_and_the_boundary():
    cases = load_cases("pass-at-k")
    assert max(c["args"]["n"] for c in cases) == 10000
    assert any(c["args"]["n"] == 10000 and c["args"]["k"] >= 135 for c in cases)  # C(n, k) > float max
    boundary = [c for c in cases if any(c["args"]["n"] - ci == c["args"]["k"] for ci in c["args"]["c"])]
    assert boundary and any(c["args"]["n"] - ci < c["args"]["k"] for c in cases for ci in c["args"]["c"])
    for case in cases:
        args = case["args"]
        assert 1 <= args["k"] <= args["n"] and all(0 <= ci <= args["n"] for ci in args["c"]) and args["c"]
