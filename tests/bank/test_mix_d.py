"""Cross-check fsdp-flat-shard, contrastive-infonce, rmsnorm-backward and causal-lm-loss-shift: each reference
against an independent implementation written here (an unshard round trip, torch built-ins, autograd)."""

import copy
import tomllib
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F

PROBLEMS = Path(__file__).resolve().parents[2] / "problems"
ENTRIES = {
    "fsdp-flat-shard": "flat_shard",
    "contrastive-infonce": "infonce_loss",
    "rmsnorm-backward": "rms_norm_backward",
    "causal-lm-loss-shift": "causal_lm_loss",
}
SLUGS = list(ENTRIES)


def _entry(bank, slug, filename="reference.py"):
    return getattr(bank.module(slug, filename), ENTRIES[slug])


def _checker(slug: str) -> dict:
    checker = tomllib.loads((PROBLEMS / slug / "problem.toml").read_text())["checker"]
    return {"rtol": checker.get("rtol", 0.0), "atol": checker.get("atol", 0.0)}


def _leaves(value):
    """Flatten a nested result (tuples, lists, arrays, tensors, numbers) into a list of float64 arrays."""
    if isinstance(value, (list, tuple)) and not all(isinstance(v, (int, float)) for v in value):
        return [leaf for v in value for leaf in _leaves(v)]
    if isinstance(value, torch.Tensor):
        value = value.detach().numpy()
    return [np.asarray(value, dtype=np.float64)]


def _as_array(value):
    return value.detach().numpy() if isinstance(value, torch.Tensor) else np.asarray(value)


def _run_unmodified(fn, case):
    """Call fn on a case and check it left every argument as it was."""
    before = copy.deepcopy(case["args"])
    result = fn(**case["args"])
    for key, value in before.items():
        now = case["args"][key]
        if isinstance(value, list):
            for a, b in zip(now, value, strict=True):
                np.testing.assert_array_equal(_as_array(a), _as_array(b), err_msg=f"{case['name']}: {key}")
        elif value is not None:
            np.testing.assert_array_equal(_as_array(now), _as_array(value), err_msg=f"{case['name']}: {key}")
    return result


def _args_equal(a, b) -> bool:
    if isinstance(a, list):
        return len(a) == len(b) and all(_args_equal(x, y) for x, y in zip(a, b, strict=True))
    if a is None or b is None:
        return a is b
    return np.array_equal(_as_array(a), _as_array(b))


@pytest.mark.parametrize("slug", SLUGS)
def test_generator_is_deterministic_and_seeded(bank, slug):
    first, second = bank.cases(slug), bank.cases(slug)
    assert [c["name"] for c in first] == [c["name"] for c in second]
    assert len({c["name"] for c in first}) == len(first)
    assert [c["hidden"] for c in first[:2]] == [False, False] and all(c["hidden"] for c in first[2:])
    assert len(first) >= 8
    for a, b in zip(first, second, strict=True):
        assert all(_args_equal(a["args"][k], b["args"][k]) for k in a["args"]), a["name"]
    other = bank.cases(slug, seed=12345)
    assert any(
        not _args_equal(a["args"][k], b["args"][k]) for a, b in zip(first, other, strict=True) for k in a["args"]
    ), "the seed should change the cases"


@pytest.mark.parametrize("slug", SLUGS)
def test_accepted_solutions_agree_with_the_reference(bank, slug):
    checker = _checker(slug)
    reference = _entry(bank, slug)
    accepted_files = sorted((PROBLEMS / slug / "accept").glob("*.py"))
    assert accepted_files
    for path in accepted_files:
        accepted = _entry(bank, slug, f"accept/{path.name}")
        for case in bank.cases(slug):
            got, expected = _leaves(accepted(**case["args"])), _leaves(reference(**case["args"]))
            assert len(got) == len(expected), case["name"]
            for g, e in zip(got, expected, strict=True):
                np.testing.assert_allclose(g, e, rtol=checker["rtol"], atol=checker["atol"], err_msg=case["name"])


# --- fsdp-flat-shard ---------------------------------------------------------------------------------------------


def _unshard(shards, offsets, numels, padding, shapes):
    """The statement's unshard: concatenate the ranks' shards, drop the padding, cut and reshape."""
    flat = np.asarray(shards).reshape(-1)
    flat = flat[: flat.size - padding]
    return [flat[o : o + n].reshape(s) for o, n, s in zip(offsets, numels, shapes, strict=True)]


def test_fsdp_flat_shard_round_trips_and_matches_torch_chunking(bank):
    flat_shard = _entry(bank, "fsdp-flat-shard")
    for case in bank.cases("fsdp-flat-shard"):
        params, W = case["args"]["params"], case["args"]["world_size"]
        shards, offsets, numels, padding = _run_unmodified(flat_shard, case)
        assert all(type(v) is int for v in [*offsets, *numels, padding]), case["name"]
        total = sum(p.size for p in params)
        # Independent layout: torch's flatten-and-cat, F.pad, then torch.chunk into W equal contiguous pieces.
        flat = torch.cat([torch.as_tensor(p).flatten() for p in params])
        pad = -(-total // W) * W - total
        chunks = torch.chunk(F.pad(flat, (0, pad)), W) if total + pad else [torch.zeros(0)] * W
        assert padding == pad and 0 <= padding < W, case["name"]
        assert shards.shape == (W, (total + pad) // W) and shards.dtype == np.float64, case["name"]
        np.testing.assert_array_equal(shards, torch.stack(list(chunks)).numpy(), err_msg=case["name"])
        assert not shards[-1].size or np.all(shards.reshape(-1)[total:] == 0)
        rebuilt = _unshard(shards, offsets, numels, padding, [p.shape for p in params])
        for got, want in zip(rebuilt, params, strict=True):
            assert got.shape == want.shape
            np.testing.assert_array_equal(got, want, err_msg=case["name"])


def test_fsdp_flat_shard_covers_the_edge_cases(bank):
    names = {c["name"]: c for c in bank.cases("fsdp-flat-shard")}
    sizes = {n: sum(p.size for p in c["args"]["params"]) for n, c in names.items()}
    worlds = {n: c["args"]["world_size"] for n, c in names.items()}
    assert any(sizes[n] % worlds[n] == 0 and worlds[n] > 1 for n in names)  # padding 0
    assert any(worlds[n] > sizes[n] for n in names)
    assert any(p.ndim == 0 for c in names.values() for p in c["args"]["params"])
    assert any(p.size == 0 for c in names.values() for p in c["args"]["params"])


# --- contrastive-infonce -----------------------------------------------------------------------------------------


def _infonce_builtin(q, p, n, temperature):
    """F.cross_entropy over [all positives | own hard negatives] with the diagonal as target, via cosine_similarity."""
    logits = F.cosine_similarity(q[:, None, :], p[None, :, :], dim=-1)
    if n is not None:
        logits = torch.cat([logits, F.cosine_similarity(q[:, None, :], n, dim=-1)], dim=1)
    return F.cross_entropy(logits / temperature, torch.arange(q.shape[0]))


def test_infonce_equals_cross_entropy_with_cosine_similarity(bank):
    infonce = _entry(bank, "contrastive-infonce")
    for case in bank.cases("contrastive-infonce"):
        got = _run_unmodified(infonce, case)
        want = _infonce_builtin(**case["args"])
        assert torch.isfinite(want)
        np.testing.assert_allclose(float(got), float(want), rtol=1e-9, atol=1e-12, err_msg=case["name"])
        if case["name"] == "batch-1-no-negatives":
            assert float(got) == 0.0


def test_infonce_candidate_order_matches_the_statement(bank):
    """The statement's order (positive first, other positives by j, own hard negatives) as an explicit softmax."""
    infonce = _entry(bank, "contrastive-infonce")
    for case in bank.cases("contrastive-infonce"):
        q, p, n, tau = (case["args"][k] for k in ("q", "p", "n", "temperature"))
        if float(tau) < 1e-2:
            continue  # plain exp below would overflow; the built-in cross-check covers these cases
        losses = []
        for i in range(q.shape[0]):
            cands = [p[i]] + [p[j] for j in range(q.shape[0]) if j != i] + ([] if n is None else list(n[i]))
            s = np.array([float(q[i] @ c / (q[i].norm() * c.norm())) for c in cands]) / tau
            losses.append(-np.log(np.exp(s[0]) / np.exp(s).sum()))
        np.testing.assert_allclose(float(infonce(**case["args"])), np.mean(losses), rtol=1e-9, atol=1e-12)


# --- rmsnorm-backward --------------------------------------------------------------------------------------------


def test_rmsnorm_backward_matches_autograd(bank):
    backward = _entry(bank, "rmsnorm-backward")
    checker = _checker("rmsnorm-backward")
    for case in bank.cases("rmsnorm-backward"):
        a = case["args"]
        dx, dg = _run_unmodified(backward, case)
        x = torch.tensor(a["x"], requires_grad=True)
        g = torch.tensor(a["g"], requires_grad=True)
        y = (
            F.rms_norm(x, (x.shape[-1],), weight=g, eps=a["eps"])
            if hasattr(F, "rms_norm")
            else (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + a["eps"]) * g)
        )
        y.backward(torch.tensor(a["dy"]))
        assert dx.shape == a["x"].shape and dg.shape == a["g"].shape
        np.testing.assert_allclose(
            dx, x.grad.numpy(), rtol=checker["rtol"] / 10, atol=checker["atol"] / 10, err_msg=case["name"]
        )
        np.testing.assert_allclose(
            dg, g.grad.numpy(), rtol=checker["rtol"] / 10, atol=checker["atol"] / 10, err_msg=case["name"]
        )


def test_rmsnorm_backward_d1_closed_form(bank):
    """D = 1: y = g x / sqrt(x^2 + eps), so dx = g dy eps / (x^2 + eps)^(3/2) and dg = sum(dy x / sqrt(x^2 + eps))."""
    backward = _entry(bank, "rmsnorm-backward")
    d1 = [c for c in bank.cases("rmsnorm-backward") if c["args"]["x"].shape[1] == 1]
    assert d1
    for case in d1:
        dy, x, g, eps = (case["args"][k] for k in ("dy", "x", "g", "eps"))
        dx, dg = backward(**case["args"])
        np.testing.assert_allclose(dx, g * dy * eps / (x * x + eps) ** 1.5, rtol=1e-6, atol=0, err_msg=case["name"])
        np.testing.assert_allclose(dg, np.sum(dy * x / np.sqrt(x * x + eps), axis=0), rtol=1e-12)


# --- causal-lm-loss-shift ----------------------------------------------------------------------------------------


def test_causal_lm_loss_matches_cross_entropy_with_ignore_index(bank):
    loss = _entry(bank, "causal-lm-loss-shift")
    for case in bank.cases("causal-lm-loss-shift"):
        logits, ids, mask = (case["args"][k] for k in ("logits", "input_ids", "attention_mask"))
        got = _run_unmodified(loss, case)
        # Independent: gather the counted (prediction, target) pairs with a boolean index, then a built-in CE.
        counted = mask[:, 1:].bool()
        want = F.cross_entropy(logits[:, :-1][counted], ids[:, 1:][counted], reduction="mean")
        assert torch.isfinite(want)
        np.testing.assert_allclose(float(got), float(want), rtol=1e-9, atol=1e-12, err_msg=case["name"])


def test_causal_lm_loss_cases_cover_left_and_right_padding(bank):
    cases = {c["name"]: c["args"] for c in bank.cases("causal-lm-loss-shift")}
    assert any(float(a["logits"].abs().max()) >= 999.0 for a in cases.values())
    right = [a for a in cases.values() if (a["attention_mask"][:, -1] == 0).any()]
    left = [a for a in cases.values() if (a["attention_mask"][:, 0] == 0).any()]
    assert right and left
