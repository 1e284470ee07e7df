"""Cross-check the training and decoding problems' references against torch and independent code."""

import math
import tomllib

import numpy as np
import pytest
import torch

from tests.bank.conftest import PROBLEMS, load_cases, load_module

TRAINING_SLUGS = [
    "sgd-momentum-step",
    "adam-step",
    "adamw-step",
    "clip-grad-norm",
    "cosine-warmup-schedule",
    "temperature-top-k-sampling",
    "top-p-sampling",
    "greedy-decoding",
    "beam-search",
]


def reference(slug: str):
    """The problem's reference entry function."""
    entry = tomllib.loads((PROBLEMS / slug / "problem.toml").read_text())["entry"]
    return getattr(load_module(slug, "reference.py"), entry)


def assert_same_cases(a: list[dict], b: list[dict]) -> None:
    assert [c["name"] for c in a] == [c["name"] for c in b]
    for ca, cb in zip(a, b, strict=True):
        assert ca["hidden"] == cb["hidden"]
        assert ca["args"].keys() == cb["args"].keys()
        for key, va in ca["args"].items():
            vb = cb["args"][key]
            if isinstance(va, np.ndarray):
                assert va.dtype == vb.dtype and np.array_equal(va, vb, equal_nan=True), key
            elif isinstance(va, list) and va and isinstance(va[0], np.ndarray):
                assert all(np.array_equal(x, y) for x, y in zip(va, vb, strict=True)), key
            else:
                assert va == vb, key


@pytest.mark.parametrize("slug", TRAINING_SLUGS)
def test_generator_is_deterministic_and_well_formed(slug):
    cases = load_cases(slug)
    assert_same_cases(cases, load_cases(slug))
    names = [c["name"] for c in cases]
    assert len(set(names)) == len(names)
    visible = sum(not c["hidden"] for c in cases)
    assert 2 <= visible <= 3 and 6 <= len(cases) - visible <= 12


def t64(x) -> torch.Tensor:
    return torch.tensor(np.asarray(x), dtype=torch.float64)


# --- sgd-momentum-step -------------------------------------------------------------------------


def torch_sgd_step(param, grad, velocity, lr, momentum, weight_decay, nesterov):
    p = torch.nn.Parameter(t64(param))
    p.grad = t64(grad)
    opt = torch.optim.SGD([p], lr=lr, momentum=momentum, weight_decay=weight_decay, nesterov=nesterov and momentum > 0)
    if momentum > 0:
        opt.state[p]["momentum_buffer"] = t64(velocity)
    opt.step()
    buf = opt.state[p].get("momentum_buffer")
    new_velocity = buf.numpy() if buf is not None else np.asarray(grad) + weight_decay * np.asarray(param)
    return p.detach().numpy(), new_velocity


def test_sgd_momentum_matches_torch():
    step = reference("sgd-momentum-step")
    for case in load_cases("sgd-momentum-step"):
        got_p, got_v = step(**case["args"])
        want_p, want_v = torch_sgd_step(**case["args"])
        np.testing.assert_allclose(got_p, want_p, rtol=1e-12, atol=1e-15, err_msg=case["name"])
        np.testing.assert_allclose(got_v, want_v, rtol=1e-12, atol=1e-15, err_msg=case["name"])


@pytest.mark.parametrize("nesterov", [False, True])
def test_sgd_momentum_multi_step_trajectory(nesterov):
    step = reference("sgd-momentum-step")
    rng = np.random.default_rng(0)
    param, velocity = rng.standard_normal(5), np.zeros(5)
    p = torch.nn.Parameter(t64(param))
    opt = torch.optim.SGD([p], lr=0.05, momentum=0.9, weight_decay=0.01, nesterov=nesterov)
    for _ in range(6):
        grad = rng.standard_normal(5)
        param, velocity = step(param, grad, velocity, 0.05, 0.9, 0.01, nesterov)
        p.grad = t64(grad)
        opt.step()
    np.testing.assert_allclose(param, p.detach().numpy(), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(velocity, opt.state[p]["momentum_buffer"].numpy(), rtol=1e-12, atol=1e-15)


# --- adam-step / adamw-step --------------------------------------------------------------------


def torch_adam_step(optimizer_cls, param, grad, m, v, t, lr, beta1, beta2, eps, weight_decay=None):
    p = torch.nn.Parameter(t64(param))
    p.grad = t64(grad)
    kwargs = {} if weight_decay is None else {"weight_decay": weight_decay}
    opt = optimizer_cls([p], lr=lr, betas=(beta1, beta2), eps=eps, foreach=False, **kwargs)
    opt.state[p].update(step=torch.tensor(float(t - 1), dtype=torch.float64), exp_avg=t64(m), exp_avg_sq=t64(v))
    opt.step()
    state = opt.state[p]
    assert float(state["step"]) == t
    return p.detach().numpy(), state["exp_avg"].numpy(), state["exp_avg_sq"].numpy()


def test_adam_matches_torch():
    step = reference("adam-step")
    for case in load_cases("adam-step"):
        got = step(**case["args"])
        want = torch_adam_step(torch.optim.Adam, **case["args"], weight_decay=0.0)
        assert len(got) == 3
        for g, w in zip(got, want, strict=True):
            np.testing.assert_allclose(g, w, rtol=1e-11, atol=1e-15, err_msg=case["name"])


def test_adam_multi_step_trajectory():
    step = reference("adam-step")
    rng = np.random.default_rng(1)
    param, m, v = rng.standard_normal(4), np.zeros(4), np.zeros(4)
    p = torch.nn.Parameter(t64(param))
    opt = torch.optim.Adam([p], lr=0.01, betas=(0.9, 0.95), eps=1e-8)
    for t in range(1, 9):
        grad = rng.standard_normal(4) * 10.0**-t  # shrinking gradients make eps placement matter
        param, m, v = step(param, grad, m, v, t, 0.01, 0.9, 0.95, 1e-8)
        p.grad = t64(grad)
        opt.step()
    np.testing.assert_allclose(param, p.detach().numpy(), rtol=1e-11, atol=1e-15)
    np.testing.assert_allclose(v, opt.state[p]["exp_avg_sq"].numpy(), rtol=1e-11, atol=1e-30)


def test_adamw_matches_torch():
    step = reference("adamw-step")
    for case in load_cases("adamw-step"):
        got = step(**case["args"])
        want = torch_adam_step(torch.optim.AdamW, **case["args"])
        assert len(got) == 3
        for g, w in zip(got, want, strict=True):
            np.testing.assert_allclose(g, w, rtol=1e-11, atol=1e-15, err_msg=case["name"])


def test_adamw_is_not_adam_with_l2():
    """The L2 variant (torch.optim.Adam(weight_decay=...)) must give a different answer on the cases."""
    step = reference("adamw-step")
    differs = 0
    for case in load_cases("adamw-step"):
        if case["args"]["weight_decay"] > 0:
            got = step(**case["args"])[0]
            l2 = torch_adam_step(torch.optim.Adam, **case["args"])[0]
            differs += not np.allclose(got, l2, rtol=1e-9, atol=1e-12)
    assert differs >= 5


def test_adamw_multi_step_trajectory():
    step = reference("adamw-step")
    rng = np.random.default_rng(2)
    param, m, v = rng.standard_normal(4), np.zeros(4), np.zeros(4)
    p = torch.nn.Parameter(t64(param))
    opt = torch.optim.AdamW([p], lr=0.05, betas=(0.9, 0.95), eps=1e-8, weight_decay=0.1)
    for t in range(1, 9):
        grad = rng.standard_normal(4)
        param, m, v = step(param, grad, m, v, t, 0.05, 0.9, 0.95, 1e-8, 0.1)
        p.grad = t64(grad)
        opt.step()
    np.testing.assert_allclose(param, p.detach().numpy(), rtol=1e-11, atol=1e-15)
    np.testing.assert_allclose(m, opt.state[p]["exp_avg"].numpy(), rtol=1e-11, atol=1e-15)


# --- clip-grad-norm ----------------------------------------------------------------------------


def test_clip_grad_norm_matches_torch():
    clip = reference("clip-grad-norm")
    for case in load_cases("clip-grad-norm"):
        grads, max_norm = case["args"]["grads"], case["args"]["max_norm"]
        got, got_norm = clip(**case["args"])
        params = [torch.nn.Parameter(torch.zeros(g.shape, dtype=torch.float64)) for g in grads]
        for p, g in zip(params, grads, strict=True):
            p.grad = t64(g)
        want_norm = float(torch.nn.utils.clip_grad_norm_(params, max_norm))
        assert isinstance(got_norm, float)
        assert got_norm == pytest.approx(want_norm, rel=1e-12, abs=1e-15), case["name"]
        assert len(got) == len(params)
        for g, p in zip(got, params, strict=True):
            assert g.shape == tuple(p.grad.shape)
            np.testing.assert_allclose(g, p.grad.numpy(), rtol=1e-12, atol=1e-15, err_msg=case["name"])


def test_clip_grad_norm_clips_at_equality_and_keeps_direction():
    clip = reference("clip-grad-norm")
    got, norm = clip([np.array([3.0, 4.0]), np.array([12.0])], 13.0)
    assert norm == 13.0 and got[0][0] < 3.0  # c = 13 / (13 + 1e-6) < 1
    flat = np.concatenate([g.ravel() for g in got])
    np.testing.assert_allclose(flat / np.linalg.norm(flat), np.array([3.0, 4.0, 12.0]) / 13.0, rtol=1e-12)


# --- cosine-warmup-schedule --------------------------------------------------------------------


def schedule_by_interp(steps, max_lr, min_lr, warmup_steps, total_steps):
    """A second formulation: np.interp for warmup, cos^2 for the decay, clamped progress."""
    s = np.asarray(steps, dtype=np.float64)
    warm = np.interp(s, [0.0, max(warmup_steps, 1e-300)], [0.0 if warmup_steps else max_lr, max_lr])
    progress = np.clip((s - warmup_steps) / (total_steps - warmup_steps), 0.0, 1.0)
    decay = min_lr + (max_lr - min_lr) * np.cos(0.5 * np.pi * progress) ** 2
    return np.where(s < warmup_steps, warm, decay)


def test_cosine_schedule_matches_second_formula():
    lr = reference("cosine-warmup-schedule")
    for case in load_cases("cosine-warmup-schedule"):
        got = lr(**case["args"])
        assert got.dtype == np.float64 and got.shape == case["args"]["steps"].shape
        np.testing.assert_allclose(
            got, schedule_by_interp(**case["args"]), rtol=1e-12, atol=1e-15, err_msg=case["name"]
        )


def test_cosine_schedule_endpoints():
    lr = reference("cosine-warmup-schedule")
    got = lr(np.array([0, 5, 10, 55, 100, 101, 10**6]), 1e-3, 1e-4, 10, 100)
    assert got[0] == 0.0 and got[2] == 1e-3 and got[4] == 1e-4 and got[5] == got[6] == 1e-4
    assert got[1] == pytest.approx(5e-4, rel=1e-15)
    assert got[3] == pytest.approx(5.5e-4, rel=1e-12)  # halfway through the decay
    assert lr(np.array([0]), 0.1, 0.0, 0, 50)[0] == 0.1  # no warmup


def test_cosine_decay_matches_torch_cosine_annealing():
    """The decay phase equals torch's CosineAnnealingLR (T_max = S - W) started at step W."""
    lr = reference("cosine-warmup-schedule")
    max_lr, min_lr, warmup, total = 0.5, 0.01, 7, 47
    p = torch.nn.Parameter(torch.zeros(1, dtype=torch.float64))
    opt = torch.optim.SGD([p], lr=max_lr)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=total - warmup, eta_min=min_lr)
    torch_lrs = []
    for _ in range(total - warmup + 1):
        torch_lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    got = lr(np.arange(warmup, total + 1), max_lr, min_lr, warmup, total)
    np.testing.assert_allclose(got, torch_lrs, rtol=1e-10, atol=1e-13)


def test_warmup_matches_torch_lambda_lr():
    """LambdaLR with the warmup factor s / W: the learning rate torch actually applies at each update."""
    lr = reference("cosine-warmup-schedule")
    p = torch.nn.Parameter(torch.zeros(1, dtype=torch.float64))
    opt = torch.optim.SGD([p], lr=2.0)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, s / 8))
    applied = []
    for _ in range(10):
        applied.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    np.testing.assert_allclose(lr(np.arange(9), 2.0, 0.0, 8, 20), applied[:9], rtol=1e-15)


# --- temperature-top-k-sampling / top-p-sampling -----------------------------------------------


def torch_sorted_probs(logits, temperature):
    """Token ids sorted by scaled logit (descending, ties to the lower id) and the scaled logits."""
    z = t64(logits) / temperature
    _, order = torch.sort(z, descending=True, stable=True)
    return z, order


def torch_draw(kept: torch.Tensor, probs: torch.Tensor, seed: int) -> tuple[int, float]:
    """Inverse CDF over `kept` in the given order; returns the token and the distance of u to a boundary."""
    cdf = torch.cumsum(probs / probs.sum(), 0)
    u = np.random.default_rng(seed).random()
    i = min(int(torch.searchsorted(cdf, torch.tensor([u], dtype=torch.float64), right=True)), len(kept) - 1)
    return int(kept[i]), float(torch.min(torch.abs(cdf - u)))


def torch_top_k(logits, temperature, top_k, seed):
    z, order = torch_sorted_probs(logits, temperature)
    kept = order[: top_k or len(order)]
    return torch_draw(kept, torch.softmax(z[kept], 0), seed)


def test_top_k_sampling_matches_torch():
    sample = reference("temperature-top-k-sampling")
    for case in load_cases("temperature-top-k-sampling"):
        got = sample(**case["args"])
        want, margin = torch_top_k(**case["args"])
        assert type(got) is int and got == want, case["name"]
        assert margin > 1e-9, f"{case['name']}: u too close to a CDF boundary"


def test_top_k_sampling_frequencies():
    sample = reference("temperature-top-k-sampling")
    logits = np.array([1.0, 2.0, 0.0, 1.5, -3.0])
    counts = np.bincount([sample(logits, 0.8, 3, s) for s in range(3000)], minlength=5)
    z = logits / 0.8
    q = np.zeros(5)
    q[[1, 3, 0]] = np.exp(z[[1, 3, 0]]) / np.exp(z[[1, 3, 0]]).sum()
    assert counts[2] == counts[4] == 0
    np.testing.assert_allclose(counts / 3000, q, atol=0.03)


def torch_top_p(logits, temperature, top_p, seed):
    """Keep token i iff the probability mass ranked before it is below top_p (HF-style mask)."""
    z, order = torch_sorted_probs(logits, temperature)
    probs = torch.softmax(z, 0)[order]
    before = torch.cumsum(probs, 0) - probs
    keep = before < top_p if top_p < 1.0 else torch.ones_like(before, dtype=torch.bool)
    gap = float(torch.min(torch.abs(torch.cumsum(probs, 0) - top_p))) if top_p < 1.0 else 1.0
    token, margin = torch_draw(order[keep], probs[keep], seed)
    return token, min(margin, gap)


def test_top_p_sampling_matches_torch():
    sample = reference("top-p-sampling")
    for case in load_cases("top-p-sampling"):
        got = sample(**case["args"])
        want, margin = torch_top_p(**case["args"])
        assert type(got) is int and got == want, case["name"]
        assert margin > 1e-9, f"{case['name']}: too close to a boundary for an exact checker"


def test_top_p_sampling_frequencies_and_crossing_token():
    sample = reference("top-p-sampling")
    logits = np.log(np.array([0.5, 0.3, 0.15, 0.05]))
    # top_p = 0.7: 0.5 < 0.7 <= 0.8, so tokens 0 and 1 are kept (the crossing token 1 included).
    counts = np.bincount([sample(logits, 1.0, 0.7, s) for s in range(3000)], minlength=4)
    assert counts[2] == counts[3] == 0
    np.testing.assert_allclose(counts[:2] / 3000, [0.625, 0.375], atol=0.03)
    assert {sample(logits, 1.0, 0.4, s) for s in range(50)} == {0}


# --- greedy-decoding / beam-search -------------------------------------------------------------


def torch_greedy(log_probs, bos, eos, max_len):
    table, out, last = t64(log_probs), [], bos
    for _ in range(max_len):
        row = table[last]
        last = int(torch.nonzero(row == row.max())[0])  # first maximum: lowest id on ties
        out.append(last)
        if last == eos:
            break
    return out


def test_greedy_decoding_matches_second_implementation():
    greedy = reference("greedy-decoding")
    for case in load_cases("greedy-decoding"):
        got = greedy(**case["args"])
        assert isinstance(got, list) and all(type(t) is int for t in got), case["name"]
        assert got == torch_greedy(**case["args"]), case["name"]
        assert len(got) <= case["args"]["max_len"]
        assert case["args"]["eos"] not in got[:-1]


def torch_beam(log_probs, bos, eos, beam_width, max_len, length_penalty):
    """Beam search with the statement's rules, written over flattened torch score matrices."""
    table = t64(log_probs)
    vocab = table.shape[0]
    seqs, scores = [[]], torch.zeros(1, dtype=torch.float64)
    done: list[tuple[list[int], float]] = []
    for _ in range(max_len):
        slots = beam_width - len(done)
        if slots <= 0 or not seqs:
            break
        last = torch.tensor([s[-1] if s else bos for s in seqs])
        flat = (scores[:, None] + table[last]).reshape(-1)
        _, order = torch.sort(flat, descending=True, stable=True)
        kept = [(seqs[i // vocab] + [i % vocab], float(flat[i])) for i in order[:slots].tolist()]
        done += [h for h in kept if h[0][-1] == eos]
        alive = [h for h in kept if h[0][-1] != eos]
        seqs = [h[0] for h in alive]
        scores = torch.tensor([h[1] for h in alive], dtype=torch.float64)
    done += list(zip(seqs, scores.tolist(), strict=True))
    finals = torch.tensor([s / len(t) ** length_penalty for t, s in done], dtype=torch.float64)
    best = int(torch.nonzero(finals == finals.max())[0])
    return done[best][0], float(finals[best])


def brute_force_best(log_probs, bos, eos, max_len, length_penalty):
    """The best of all sequences that end in eos or reach max_len (what an unbounded beam finds)."""
    import itertools

    vocab = log_probs.shape[0]
    best = (None, -math.inf)
    for length in range(1, max_len + 1):
        for seq in itertools.product(range(vocab), repeat=length):
            if eos in seq[:-1] or (length < max_len and seq[-1] != eos):
                continue
            score, last = 0.0, bos
            for tok in seq:
                score, last = score + log_probs[last, tok], tok
            final = score / length**length_penalty
            if final > best[1]:
                best = (list(seq), final)
    return best


def test_beam_search_matches_torch_implementation():
    beam = reference("beam-search")
    for case in load_cases("beam-search"):
        tokens, score = beam(**case["args"])
        want_tokens, want_score = torch_beam(**case["args"])
        assert isinstance(tokens, list) and all(type(t) is int for t in tokens), case["name"]
        assert isinstance(score, float)
        assert tokens == want_tokens, case["name"]
        assert score == pytest.approx(want_score, rel=1e-12), case["name"]


def test_beam_search_wide_beam_is_exhaustive_and_width_1_is_greedy():
    beam, greedy = reference("beam-search"), reference("greedy-decoding")
    rng = np.random.default_rng(3)
    for alpha in (0.0, 0.7, 1.0):
        table = np.log(rng.dirichlet(np.ones(3), size=3))
        tokens, score = beam(table, 0, 2, 10**6, 4, alpha)
        want_tokens, want_score = brute_force_best(table, 0, 2, 4, alpha)
        assert tokens == want_tokens and score == pytest.approx(want_score, rel=1e-12)
    wide = next(c["args"] for c in load_cases("beam-search") if c["name"] == "exhaustive-wide-beam")
    want = brute_force_best(wide["log_probs"], wide["bos"], wide["eos"], wide["max_len"], wide["length_penalty"])
    assert beam(**wide) == (want[0], pytest.approx(want[1], rel=1e-12))
    for case in load_cases("greedy-decoding"):
        args = case["args"]
        if args["max_len"] > 0:
            assert beam(args["log_probs"], args["bos"], args["eos"], 1, args["max_len"])[0] == greedy(**args)


def test_beam_search_beats_greedy_on_the_sample():
    beam = reference("beam-search")
    case = load_cases("beam-search")[0]
    assert case["name"] == "sample-beats-greedy"
    tokens, score = beam(**case["args"])
    assert tokens == [2, 3] and score == pytest.approx(math.log(0.36), rel=1e-12)
