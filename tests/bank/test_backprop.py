"""Cross-check the backward-pass problems' references against torch autograd in float64, and check that
their cases cover the pinned edge cases and that every wrong/ solution misses by at least 100x the tolerance."""

import importlib.util
import tomllib

import numpy as np
import pytest
import torch

from tests.bank.conftest import PROBLEMS, load_cases, load_module

SLUGS = ["layer-norm-backward", "attention-backward", "softmax-cross-entropy-backward"]


def meta(slug: str) -> dict:
    return tomllib.loads((PROBLEMS / slug / "problem.toml").read_text())


def reference(slug: str):
    return getattr(load_module(slug, "reference.py"), meta(slug)["entry"])


def t64(x) -> torch.Tensor:
    return torch.tensor(np.asarray(x), dtype=torch.float64)


def as_list(out) -> list:
    return list(out) if isinstance(out, tuple | list) else [out]


def miss_ratio(got, want, rtol: float, atol: float) -> float:
    """max |got - want| / (atol + rtol |want|) over all outputs; inf for a wrong shape, NaN or inf."""
    worst = 0.0
    for g, w in zip(as_list(got), as_list(want), strict=True):
        g, w = np.asarray(g, dtype=np.float64), np.asarray(w, dtype=np.float64)
        if g.shape != w.shape or not np.all(np.isfinite(g)):
            return float("inf")
        worst = max(worst, float(np.max(np.abs(g - w) / (atol + rtol * np.abs(w)), initial=0.0)))
    return worst


def solutions(slug: str, folder: str) -> list:
    return sorted((PROBLEMS / slug / folder).glob("*.py"))


def load_path(path):
    spec = importlib.util.spec_from_file_location(f"bank_backprop_{path.parent.name}_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("slug", SLUGS)
def test_generator_is_deterministic_and_well_formed(slug):
    a, b = load_cases(slug), load_cases(slug)
    assert [c["name"] for c in a] == [c["name"] for c in b]
    for ca, cb in zip(a, b, strict=True):
        for key, va in ca["args"].items():
            assert np.array_equal(va, cb["args"][key]), (ca["name"], key)
    names = [c["name"] for c in a]
    assert len(set(names)) == len(names)
    assert not a[0]["hidden"] and sum(not c["hidden"] for c in a) >= 2 and sum(c["hidden"] for c in a) >= 6
    hidden = [c["hidden"] for c in a]
    assert hidden == sorted(hidden), "visible samples come first"


@pytest.mark.parametrize("slug", SLUGS)
def test_reference_does_not_modify_inputs(slug):
    fn = reference(slug)
    for case in load_cases(slug):
        before = {k: np.copy(v) for k, v in case["args"].items()}
        fn(**case["args"])
        for k, v in case["args"].items():
            assert np.array_equal(v, before[k]), (case["name"], k)


@pytest.mark.parametrize("slug", SLUGS)
def test_accepted_solutions_pass_with_margin(slug):
    checker = meta(slug)["checker"]
    fn = reference(slug)
    accepted = solutions(slug, "accept")
    assert accepted
    for path in accepted:
        candidate = getattr(load_path(path), meta(slug)["entry"])
        for case in load_cases(slug):
            ratio = miss_ratio(candidate(**case["args"]), fn(**case["args"]), **checker_tol(checker))
            assert ratio <= 0.1, (path.name, case["name"], ratio)


def checker_tol(checker: dict) -> dict:
    return {"rtol": checker["rtol"], "atol": checker["atol"]}


def assert_within(got, want, slug: str, name: str, factor: float = 1e-2) -> None:
    """The reference agrees with autograd to `factor` times the checker's tolerance."""
    ratio = miss_ratio(got, want, **checker_tol(meta(slug)["checker"]))
    assert ratio <= factor, (slug, name, ratio)


# --- layer-norm-backward ------------------------------------------------------------------------


def torch_layer_norm_backward(dy, x, gamma, eps=1e-5):
    xt = t64(x).requires_grad_()
    gt = t64(gamma).requires_grad_()
    bt = torch.zeros_like(gt, requires_grad=True)
    y = torch.nn.functional.layer_norm(xt, (xt.shape[-1],), gt, bt, eps)
    y.backward(t64(dy))
    return xt.grad.numpy(), gt.grad.numpy(), bt.grad.numpy()


def test_layer_norm_backward_matches_autograd():
    fn = reference("layer-norm-backward")
    for case in load_cases("layer-norm-backward"):
        assert_within(
            fn(**case["args"]), torch_layer_norm_backward(**case["args"]), "layer-norm-backward", case["name"]
        )


def test_layer_norm_backward_cases_cover_the_pinned_edges():
    cases = load_cases("layer-norm-backward")
    fn = reference("layer-norm-backward")
    d1 = [c for c in cases if c["args"]["x"].shape[1] == 1]
    assert len(d1) >= 2
    for c in d1:
        dx, dgamma, dbeta = fn(**c["args"])
        assert np.all(dx == 0) and np.all(dgamma == 0)
        assert np.allclose(dbeta, c["args"]["dy"].sum(axis=0))
    ratios = []
    for c in cases:
        x = c["args"]["x"]
        if x.shape[1] > 1:  # a single-element row has std 0 by definition
            ratios.extend(np.abs(x.mean(axis=1)) / x.std(axis=1))
    assert 300 <= max(ratios) <= 1e3  # the pinned bound on |mean| / std, and cases that approach it
    # Some rows have a variance comparable to eps (where eps inside/outside the sqrt differs).
    assert any(
        np.any(c["args"]["x"].var(axis=1) < 100 * c["args"].get("eps", 1e-5)) and c["args"]["x"].shape[1] > 1
        for c in cases
    )


def test_layer_norm_backward_gradient_matches_finite_differences():
    # A third, independent check of dx on the first sample: central differences of sum(y * dy).
    case = load_cases("layer-norm-backward")[0]["args"]
    dy, x, gamma = case["dy"], case["x"], case["gamma"]

    def loss(xv):
        mu = xv.mean(axis=1, keepdims=True)
        y = gamma * (xv - mu) / np.sqrt(((xv - mu) ** 2).mean(axis=1, keepdims=True) + 1e-5)
        return float(np.sum(y * dy))

    h, numeric = 1e-6, np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[idx] = h
        numeric[idx] = (loss(x + e) - loss(x - e)) / (2 * h)
    np.testing.assert_allclose(reference("layer-norm-backward")(dy, x, gamma)[0], numeric, rtol=1e-6, atol=1e-8)


# --- attention-backward -------------------------------------------------------------------------


def torch_attention_backward(dout, q, k, v):
    qt, kt, vt = (t64(a).requires_grad_() for a in (q, k, v))
    out = torch.nn.functional.scaled_dot_product_attention(qt[None], kt[None], vt[None])[0]  # scale 1/sqrt(d)
    out.backward(t64(dout))
    return qt.grad.numpy(), kt.grad.numpy(), vt.grad.numpy()


def test_attention_backward_matches_autograd():
    fn = reference("attention-backward")
    for case in load_cases("attention-backward"):
        assert_within(fn(**case["args"]), torch_attention_backward(**case["args"]), "attention-backward", case["name"])


def test_attention_backward_cases_cover_the_pinned_edges():
    cases = load_cases("attention-backward")
    shapes = [(c["args"]["q"].shape, c["args"]["k"].shape, c["args"]["v"].shape) for c in cases]
    assert all(k[0] >= 2 and q[1] >= 2 for q, k, _ in shapes)
    assert any(k[0] == 2 for _, k, _ in shapes) and any(q[1] == 2 for q, _, _ in shapes)
    assert any(q[0] == k[0] for q, k, _ in shapes) and any(q[0] != k[0] for q, k, _ in shapes)
    assert any(v[1] != q[1] for q, _, v in shapes)
    # Some row's max score overflows exp() in float64 without the max shift.
    assert any(np.max(c["args"]["q"] @ c["args"]["k"].T / np.sqrt(c["args"]["q"].shape[1])) > 710 for c in cases)


def test_attention_backward_is_shift_invariant_in_the_scores():
    # Softmax ignores a constant added to a row of S, so every row of dS sums to 0, and the sum of dk over keys,
    # (dS @ 1).T @ q / sqrt(d), is 0. A dropped row-sum term breaks this identity.
    fn = reference("attention-backward")
    for case in load_cases("attention-backward"):
        _, dk, _ = fn(**case["args"])
        scale = np.abs(case["args"]["q"]).max() * np.abs(case["args"]["dout"]).max() * np.abs(case["args"]["v"]).max()
        assert np.allclose(dk.sum(axis=0), 0.0, atol=1e-12 * max(scale, 1.0)), case["name"]


# --- softmax-cross-entropy-backward -------------------------------------------------------------


def torch_cross_entropy_backward(logits, targets):
    z = t64(logits).requires_grad_()
    loss = torch.nn.functional.cross_entropy(z, torch.tensor(targets, dtype=torch.int64))
    loss.backward()
    return loss.item(), z.grad.numpy()


def test_softmax_cross_entropy_backward_matches_autograd():
    slug = "softmax-cross-entropy-backward"
    fn = reference(slug)
    for case in load_cases(slug):
        got = fn(**case["args"])
        assert isinstance(got[0], float)
        assert_within(got, torch_cross_entropy_backward(**case["args"]), slug, case["name"])


def test_softmax_cross_entropy_backward_cases_cover_the_pinned_edges():
    cases = load_cases("softmax-cross-entropy-backward")
    assert max(np.abs(c["args"]["logits"]).max() for c in cases) >= 900
    assert any(c["args"]["logits"].shape[0] >= 2 for c in cases)  # where a missing 1/N shows
    assert all(c["args"]["targets"].dtype == np.int64 for c in cases)
    # A target whose probability underflows to 0 in float64 (log(softmax) would give an infinite loss).
    fn = reference("softmax-cross-entropy-backward")
    assert any(fn(**c["args"])[0] > 745 for c in cases)
