"""Cross-check the numerics problems (label smoothing + z-loss, Lion, Muon, dynamic loss scaling) against torch
built-ins and independent implementations, and check that every wrong/ solution misses by at least 100x the
tolerance while every accept/ solution passes with margin."""

import copy
import importlib.util
import math
import tomllib

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from tests.bank.conftest import PROBLEMS, load_cases, load_module

SLUGS = ["label-smoothing-z-loss", "lion-step", "muon-newton-schulz", "dynamic-loss-scaler"]


def meta(slug: str) -> dict:
    return tomllib.loads((PROBLEMS / slug / "problem.toml").read_text())


def reference(slug: str):
    return getattr(load_module(slug, "reference.py"), meta(slug)["entry"])


def leaves(value) -> list:
    """Flatten a result (tuples, lists, tensors, arrays, numbers, bools) into a list of leaves."""
    if isinstance(value, tuple | list):
        return [leaf for item in value for leaf in leaves(item)]
    if isinstance(value, torch.Tensor):
        return [value.detach().numpy()]
    return [value]


def miss_ratio(got, want, rtol: float, atol: float) -> float:
    """max |got - want| / (atol + rtol |want|) over all leaves; inf for a structure, shape, bool or inf/NaN mismatch."""
    g_leaves, w_leaves = leaves(got), leaves(want)
    if len(g_leaves) != len(w_leaves):
        return float("inf")
    worst = 0.0
    for g, w in zip(g_leaves, w_leaves, strict=True):
        if isinstance(w, bool) or isinstance(g, bool | np.bool_):
            if type(g) is not bool or g != w:
                return float("inf")
            continue
        g, w = np.asarray(g, dtype=np.float64), np.asarray(w, dtype=np.float64)
        if g.shape != w.shape or not np.array_equal(np.isfinite(g), np.isfinite(w)):
            return float("inf")
        if not np.array_equal(g[~np.isfinite(w)], w[~np.isfinite(w)], equal_nan=True):
            return float("inf")
        finite = np.isfinite(w)
        diff = np.abs(g[finite] - w[finite])
        tol = atol + rtol * np.abs(w[finite])
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(diff == 0, 0.0, diff / tol)
        worst = max(worst, float(np.max(ratio, initial=0.0)))
    return worst


def tolerance(slug: str) -> dict:
    checker = meta(slug)["checker"]
    return {"rtol": checker["rtol"], "atol": checker["atol"]}


def load_path(path):
    spec = importlib.util.spec_from_file_location(f"bank_numerics_{path.parent.parent.name}_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def assert_within(got, want, slug: str, name: str, factor: float = 1e-2) -> None:
    ratio = miss_ratio(got, want, **tolerance(slug))
    assert ratio <= factor, (slug, name, ratio)


def flat(value) -> np.ndarray:
    """All numbers of an argument (tensor, array, list of arrays, scalar) as one flat float64 array."""
    return np.concatenate([np.ravel(np.asarray(leaf, dtype=np.float64)) for leaf in leaves(value)] or [np.zeros(0)])


def same_args(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(np.array_equal(flat(a[k]), flat(b[k]), equal_nan=True) for k in a)


# --- shared checks ------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_generator_is_deterministic_and_well_formed(slug):
    a, b = load_cases(slug), load_cases(slug)
    assert [c["name"] for c in a] == [c["name"] for c in b]
    for ca, cb in zip(a, b, strict=True):
        assert same_args(ca["args"], cb["args"]), ca["name"]
    names = [c["name"] for c in a]
    assert len(set(names)) == len(names)
    hidden = [c["hidden"] for c in a]
    assert hidden == sorted(hidden) and sum(not h for h in hidden) >= 2 and sum(hidden) >= 6


@pytest.mark.parametrize("slug", SLUGS)
def test_reference_does_not_modify_inputs(slug):
    fn = reference(slug)
    for case in load_cases(slug):
        before = copy.deepcopy(case["args"])
        with np.errstate(all="ignore"):
            fn(**case["args"])
        assert same_args(case["args"], before), case["name"]


@pytest.mark.parametrize("slug", SLUGS)
def test_accepted_solutions_pass_with_margin(slug):
    fn = reference(slug)
    accepted = sorted((PROBLEMS / slug / "accept").glob("*.py"))
    assert accepted
    for path in accepted:
        candidate = getattr(load_path(path), meta(slug)["entry"])
        for case in load_cases(slug):
            with np.errstate(all="ignore"):
                got, want = candidate(**copy.deepcopy(case["args"])), fn(**copy.deepcopy(case["args"]))
            assert miss_ratio(got, want, **tolerance(slug)) <= 0.1, (path.name, case["name"])


# --- label-smoothing-z-loss ---------------------------------------------------------------------


def python_logsumexp(row: list[float]) -> float:
    top = max(row)
    return top + math.log(math.fsum(math.exp(x - top) for x in row))


def test_label_smoothing_z_loss_matches_torch_cross_entropy_and_a_python_z_loss():
    slug = "label-smoothing-z-loss"
    fn = reference(slug)
    for case in load_cases(slug):
        a = case["args"]
        ce = F.cross_entropy(a["logits"], a["targets"], label_smoothing=a["epsilon"]).item()
        lse = [python_logsumexp(row) for row in a["logits"].tolist()]
        want = ce + a["z_loss_coef"] * math.fsum(v * v for v in lse) / len(lse)
        got = fn(**a)
        assert got.shape == () and got.dtype == torch.float64
        assert_within(got, want, slug, case["name"])


def test_label_smoothing_z_loss_cases_cover_the_edges():
    cases = load_cases("label-smoothing-z-loss")
    maxima = [c["args"]["logits"].max().item() for c in cases]
    minima = [c["args"]["logits"].min().item() for c in cases]
    assert max(maxima) > 990 and min(minima) < -990  # exp overflows; softmax-then-log underflows
    assert any(c["args"]["epsilon"] == 0 for c in cases) and any(c["args"]["epsilon"] == 1 for c in cases)
    assert any(c["args"]["z_loss_coef"] == 0 for c in cases)
    assert any(c["args"]["logits"].shape[1] == 2 for c in cases) and any(
        c["args"]["logits"].shape[0] == 1 for c in cases
    )


# --- lion-step ----------------------------------------------------------------------------------


def torch_lion(param, grad, m, lr, beta1, beta2, weight_decay):
    """lion-pytorch's update_fn, on torch copies."""
    p, g, exp_avg = (torch.tensor(x) for x in (param, grad, m))
    p.mul_(1 - lr * weight_decay)
    update = exp_avg.clone().lerp_(g, 1 - beta1).sign_()
    p.add_(update, alpha=-lr)
    exp_avg.lerp_(g, 1 - beta2)
    return p.numpy(), exp_avg.numpy()


def test_lion_step_matches_an_independent_torch_lion():
    slug = "lion-step"
    fn = reference(slug)
    for case in load_cases(slug):
        assert_within(fn(**case["args"]), torch_lion(**case["args"]), slug, case["name"])


def test_lion_step_moves_every_coordinate_by_lr_at_most_besides_decay():
    for case in load_cases("lion-step"):
        a = case["args"]
        new_param, _ = reference("lion-step")(**a)
        step = new_param - a["param"] * (1 - a["lr"] * a["weight_decay"])
        assert np.allclose(np.abs(step)[np.abs(step) > 0], a["lr"], rtol=1e-9), case["name"]


def test_lion_step_sign_margins_are_far_from_zero():
    # |c| is either exactly 0 or far above rounding, so any evaluation order takes the same sign.
    for case in load_cases("lion-step"):
        a = case["args"]
        c = a["beta1"] * a["m"] + (1 - a["beta1"]) * a["grad"]
        scale = np.max(np.abs(a["m"])) + np.max(np.abs(a["grad"]))
        assert np.all((c == 0) | (np.abs(c) > 1e-6 * scale)), case["name"]


# --- muon-newton-schulz -------------------------------------------------------------------------


def muon_via_singular_values(param, grad, momentum_buffer, lr, beta, weight_decay, nesterov):
    """Independent Muon: the five quintic steps act on the singular values only, X = U p(p(...(S))) V^T."""
    g, b = grad.numpy(), momentum_buffer.numpy()
    buf = b + (1 - beta) * (g - b)
    u = g + beta * (buf - g) if nesterov else buf
    U, s, Vt = np.linalg.svd(u, full_matrices=False)
    s = s / (np.sqrt(np.sum(s**2)) + 1e-7)
    for _ in range(5):
        s = 3.4445 * s - 4.7750 * s**3 + 2.0315 * s**5
    o = (U * s) @ Vt * math.sqrt(max(1.0, u.shape[0] / u.shape[1]))
    return param.numpy() * (1 - lr * weight_decay) - lr * o, buf


def test_muon_step_matches_the_singular_value_polynomial():
    slug = "muon-newton-schulz"
    fn = reference(slug)
    for case in load_cases(slug):
        assert_within(fn(**case["args"]), muon_via_singular_values(**case["args"]), slug, case["name"])


def test_muon_output_is_not_the_exact_polar_factor_and_stays_in_the_expected_band():
    # Five quintic steps leave the nonzero singular values in roughly [0.7, 1.2], not exactly 1.
    ns = load_module("muon-newton-schulz", "reference.py").newton_schulz5
    gen = torch.Generator().manual_seed(0)
    for shape in [(6, 6), (4, 10), (12, 5)]:
        s = torch.linalg.svdvals(ns(torch.randn(*shape, generator=gen, dtype=torch.float64)))
        assert 0.6 < s.min() and s.max() < 1.25 and (s - 1).abs().max() > 1e-3


def test_muon_cases_cover_the_shapes():
    shapes = [tuple(c["args"]["grad"].shape) for c in load_cases("muon-newton-schulz")]
    assert any(r > c for r, c in shapes) and any(r < c for r, c in shapes) and any(r == c for r, c in shapes)
    assert (1, 7) in shapes and (6, 1) in shapes
    flags = [c["args"]["nesterov"] for c in load_cases("muon-newton-schulz")]
    assert any(flags) and not all(flags)


# --- dynamic-loss-scaler ------------------------------------------------------------------------


def torch_grad_scaler_step(grads, scale, good_steps, growth_factor, backoff_factor, growth_interval):
    """GradScaler's own kernels: _amp_foreach_non_finite_check_and_unscale_ and _amp_update_scale_ (float32 scale)."""
    scale_t = torch.tensor([scale], dtype=torch.float32)
    tracker = torch.tensor([good_steps], dtype=torch.int32)
    found_inf = torch.zeros(1, dtype=torch.float32)
    ts = [torch.tensor(g, dtype=torch.float64).reshape(-1) for g in grads]
    torch._amp_foreach_non_finite_check_and_unscale_(ts, found_inf, scale_t.double().reciprocal().float())
    torch._amp_update_scale_(scale_t, tracker, found_inf, growth_factor, backoff_factor, growth_interval)
    return float(scale_t.item()), int(tracker.item()), bool(found_inf.item() > 0)


def float32_exact(x: float) -> bool:
    with np.errstate(over="ignore"):
        return math.isfinite(x) and float(np.float32(x)) == x


def test_loss_scaler_matches_torch_grad_scaler_kernels():
    slug = "dynamic-loss-scaler"
    fn = reference(slug)
    compared = 0
    for case in load_cases(slug):
        a = case["args"]
        grown = a["scale"] * a["growth_factor"]
        if not (float32_exact(a["scale"]) and float32_exact(grown) and float32_exact(a["scale"] * a["backoff_factor"])):
            continue  # beyond float32, GradScaler's own scale tensor cannot represent the case
        new_scale, new_good, skipped, unscaled = fn(**a)
        assert (new_scale, new_good, skipped) == torch_grad_scaler_step(**a), case["name"]
        for g, u in zip(a["grads"], unscaled, strict=True):
            np.testing.assert_array_equal(u, g / a["scale"])
        compared += 1
    assert compared >= 10


def test_loss_scaler_over_a_long_run_matches_torch_grad_scaler():
    # Chain 300 steps with overflows at random steps; the reference and GradScaler's kernels must agree at every step.
    fn = reference("dynamic-loss-scaler")
    rng = np.random.default_rng(3)
    scale, good = 2.0**16, 0
    for _ in range(300):
        g = rng.standard_normal(4)
        if rng.random() < 0.05:
            g[1] = rng.choice([np.inf, -np.inf, np.nan])
        kw = {"growth_factor": 2.0, "backoff_factor": 0.5, "growth_interval": 7}
        want = torch_grad_scaler_step([g], scale, good, **kw)
        new_scale, new_good, skipped, _ = fn([g], scale, good, **kw)
        assert (new_scale, new_good, skipped) == want
        scale, good = new_scale, new_good


def test_loss_scaler_never_grows_to_infinity():
    new_scale, new_good, skipped, _ = reference("dynamic-loss-scaler")([np.ones(2)], 1e308, 1999)
    assert new_scale == 1e308 and new_good == 0 and skipped is False
