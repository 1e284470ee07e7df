"""Cross-check ppo-clip-value-loss, gae-advantages and sft-masked-packed-loss against independent implementations."""

import math
import tomllib

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from tests.bank.conftest import PROBLEMS, load_cases, load_module

SLUGS = ["ppo-clip-value-loss", "gae-advantages", "sft-masked-packed-loss"]


def meta(slug: str) -> dict:
    return tomllib.loads((PROBLEMS / slug / "problem.toml").read_text())


def entry(slug: str, filename: str):
    """The entry function of problems/<slug>/<filename>."""
    return getattr(load_module(slug, filename), meta(slug)["entry"])


def flat(value) -> np.ndarray:
    """Every number of a result (a tensor, an array, a float or a tuple of them) as one float64 vector."""
    if isinstance(value, tuple | list):
        return np.concatenate([flat(v) for v in value]) if value else np.zeros(0)
    if isinstance(value, torch.Tensor):
        value = value.detach().numpy()
    return np.asarray(value, dtype=np.float64).ravel()


def copy_args(args: dict) -> dict:
    return {
        k: v.clone() if isinstance(v, torch.Tensor) else v.copy() if isinstance(v, np.ndarray) else v
        for k, v in args.items()
    }


@pytest.mark.parametrize("slug", SLUGS)
def test_generator_is_deterministic_and_well_formed(slug):
    cases, again = load_cases(slug), load_cases(slug)
    assert [c["name"] for c in cases] == [c["name"] for c in again]
    for a, b in zip(cases, again, strict=True):
        assert a["hidden"] == b["hidden"] and a["args"].keys() == b["args"].keys()
        for key, value in a["args"].items():
            other = b["args"][key]
            if isinstance(value, torch.Tensor):
                assert value.dtype == other.dtype and torch.equal(value, other), key
            elif isinstance(value, np.ndarray):
                assert value.dtype == other.dtype and np.array_equal(value, other), key
            else:
                assert isinstance(value, float) and value == other, key
    names = [c["name"] for c in cases]
    assert len(set(names)) == len(names)
    first_hidden = [c["hidden"] for c in cases].index(True)
    assert first_hidden >= 1 and all(c["hidden"] for c in cases[first_hidden:])
    assert len(cases) - first_hidden >= 6


@pytest.mark.parametrize("slug", SLUGS)
def test_reference_leaves_its_inputs_alone(slug):
    reference = entry(slug, "reference.py")
    for case in load_cases(slug):
        args = copy_args(case["args"])
        reference(**args)
        for key, value in args.items():
            original = case["args"][key]
            same = torch.equal(value, original) if isinstance(value, torch.Tensor) else np.array_equal(value, original)
            assert same, (case["name"], key)


# --- ppo-clip-value-loss -----------------------------------------------------------------------


def ppo_loop(
    logps,
    old_logps,
    advantages,
    values,
    old_values,
    returns,
    entropy,
    clip_eps=0.2,
    value_clip=0.2,
    vf_coef=0.5,
    ent_coef=0.01,
) -> float:
    """Independent PPO loss: Python floats, the paper's maximised objective, negated at the end."""
    objective, value_errors = [], []
    for lp, old, a, v, v_old, ret in zip(
        logps.tolist(),
        old_logps.tolist(),
        advantages.tolist(),
        values.tolist(),
        old_values.tolist(),
        returns.tolist(),
        strict=True,
    ):
        ratio = math.exp(lp - old)
        clipped = min(max(ratio, 1 - clip_eps), 1 + clip_eps)
        objective.append(min(ratio * a, clipped * a))
        v_clipped = min(max(v, v_old - value_clip), v_old + value_clip)
        value_errors.append(max((v - ret) ** 2, (v_clipped - ret) ** 2))
    n = len(objective)
    mean_entropy = math.fsum(entropy.tolist()) / n
    return -math.fsum(objective) / n + vf_coef * 0.5 * math.fsum(value_errors) / n - ent_coef * mean_entropy


def test_ppo_reference_matches_a_sample_by_sample_loop():
    reference = entry("ppo-clip-value-loss", "reference.py")
    for case in load_cases("ppo-clip-value-loss"):
        got = reference(**case["args"])
        assert isinstance(got, torch.Tensor) and got.shape == () and got.dtype == torch.float64
        assert got.item() == pytest.approx(ppo_loop(**case["args"]), rel=1e-12, abs=1e-15), case["name"]


def test_ppo_clipped_samples_get_no_policy_gradient():
    """Autograd on the reference: a ratio clipped in the direction the advantage favours gets zero gradient."""
    reference = entry("ppo-clip-value-loss", "reference.py")
    checked = 0
    for case in load_cases("ppo-clip-value-loss"):
        args = copy_args(case["args"])
        logps = args["logps"].requires_grad_(True)
        reference(**args).backward()
        ratio = torch.exp(logps.detach() - args["old_logps"])
        eps, adv = args.get("clip_eps", 0.2), args["advantages"]
        frozen = ((adv > 0) & (ratio > 1 + eps)) | ((adv < 0) & (ratio < 1 - eps))
        assert torch.all(logps.grad[frozen] == 0), case["name"]
        expected = -adv * ratio / len(adv)
        assert torch.allclose(logps.grad[~frozen], expected[~frozen], rtol=1e-12, atol=1e-15), case["name"]
        checked += int(frozen.sum())
    assert checked >= 5


def test_ppo_cases_exercise_both_clips():
    policy_clipped = value_clipped = 0
    for case in load_cases("ppo-clip-value-loss"):
        a = case["args"]
        ratio = torch.exp(a["logps"] - a["old_logps"])
        eps, delta = a.get("clip_eps", 0.2), a.get("value_clip", 0.2)
        policy_clipped += int(((ratio < 1 - eps) | (ratio > 1 + eps)).sum())
        moved = (a["values"] - a["old_values"]).abs() > delta
        clipped_err = (a["old_values"] + (a["values"] - a["old_values"]).clamp(-delta, delta) - a["returns"]) ** 2
        value_clipped += int((moved & (clipped_err > (a["values"] - a["returns"]) ** 2)).sum())
    assert policy_clipped >= 10 and value_clipped >= 5


def test_ppo_statement_example():
    a = load_cases("ppo-clip-value-loss")[0]["args"]
    assert entry("ppo-clip-value-loss", "reference.py")(**a).item() == pytest.approx(0.0523205021, abs=1e-10)
    assert ppo_loop(**a) == pytest.approx(0.0523205021, abs=1e-10)


# --- gae-advantages ----------------------------------------------------------------------------


def gae_by_definition(rewards, values, dones, last_value, gamma=0.99, lam=0.95):
    """Independent GAE: A_t = sum_l (gamma*lam)^l delta_{t+l} up to the end of the episode, in Python floats."""
    T, N = rewards.shape
    adv = np.zeros((T, N))
    for n in range(N):
        for t in range(T):
            terms, weight = [], 1.0
            for s in range(t, T):
                next_value = 0.0 if dones[s, n] else gamma * (values[s + 1, n] if s + 1 < T else last_value[n])
                terms.append(weight * (rewards[s, n] + next_value - values[s, n]))
                if dones[s, n]:
                    break
                weight *= gamma * lam
            adv[t, n] = math.fsum(terms)
    return adv, adv + values


def discounted_reward_to_go(rewards, dones, last_value, gamma):
    """Closed form of the lambda = 1 return: sum of discounted rewards to the episode's end, plus the bootstrap."""
    T, N = rewards.shape
    out = np.zeros((T, N))
    for n in range(N):
        for t in range(T):
            total, discount, s = 0.0, 1.0, t
            while True:
                total += discount * rewards[s, n]
                if dones[s, n]:
                    break
                discount *= gamma
                s += 1
                if s == T:
                    total += discount * last_value[n]
                    break
            out[t, n] = total
    return out


def test_gae_reference_matches_the_definition():
    reference = entry("gae-advantages", "reference.py")
    for case in load_cases("gae-advantages"):
        adv, ret = reference(**case["args"])
        want_adv, want_ret = gae_by_definition(**case["args"])
        shape = case["args"]["rewards"].shape
        assert adv.shape == ret.shape == shape and adv.dtype == ret.dtype == np.float64
        np.testing.assert_allclose(adv, want_adv, rtol=1e-11, atol=1e-12, err_msg=case["name"])
        np.testing.assert_allclose(ret, want_ret, rtol=1e-11, atol=1e-12, err_msg=case["name"])


@pytest.mark.parametrize("lam", [0.0, 1.0])
def test_gae_limits_are_the_td_target_and_the_monte_carlo_return(lam):
    """lambda = 0: returns are r + gamma V'; lambda = 1: the bootstrapped discounted reward-to-go (closed forms)."""
    reference = entry("gae-advantages", "reference.py")
    for case in load_cases("gae-advantages"):
        a = dict(case["args"], lam=lam)
        gamma = a.get("gamma", 0.99)
        _, ret = reference(**a)
        if lam == 0.0:
            next_values = np.concatenate([a["values"][1:], a["last_value"][None, :]])
            want = a["rewards"] + gamma * next_values * ~a["dones"]
        else:
            want = discounted_reward_to_go(a["rewards"], a["dones"], a["last_value"], gamma)
        np.testing.assert_allclose(ret, want, rtol=1e-10, atol=1e-10, err_msg=case["name"])


def test_gae_cases_cover_the_edges():
    cases = {c["name"]: c["args"] for c in load_cases("gae-advantages")}
    assert any(a["rewards"].shape[0] == 1 for a in cases.values())
    assert any(a["dones"].all() for a in cases.values())
    assert any(not a["dones"].any() for a in cases.values())
    assert any(a["dones"][-1].all() and np.abs(a["last_value"]).max() >= 100 for a in cases.values())
    assert any("gamma" not in a and "lam" not in a for a in cases.values())
    assert {0.0, 1.0} <= {a.get("lam") for a in cases.values()}


def test_gae_statement_example():
    adv, ret = entry("gae-advantages", "reference.py")(**load_cases("gae-advantages")[0]["args"])
    np.testing.assert_allclose(adv[:, 0], [0.68, -1.0, 2.84, 3.0], rtol=0, atol=1e-12)
    np.testing.assert_allclose(ret[:, 0], [1.18, 0.0, 4.34, 3.2], rtol=0, atol=1e-12)


# --- sft-masked-packed-loss --------------------------------------------------------------------


def sft_unpacked(logits, tokens, loss_mask, doc_ids) -> float:
    """Unpack the documents, run F.cross_entropy(reduction="sum", ignore_index=-100) on each, divide by the count."""
    total, count = 0.0, 0
    for d in torch.unique(doc_ids).tolist():
        sel = doc_ids == d
        doc_logits, doc_tokens, doc_mask = logits[sel], tokens[sel], loss_mask[sel]
        if len(doc_tokens) < 2:
            continue
        labels = torch.where(doc_mask[1:], doc_tokens[1:], torch.full_like(doc_tokens[1:], -100))
        total += F.cross_entropy(doc_logits[:-1], labels, ignore_index=-100, reduction="sum").item()
        count += int(doc_mask[1:].sum())
    return total / count if count else 0.0


def test_sft_reference_matches_per_document_cross_entropy():
    reference = entry("sft-masked-packed-loss", "reference.py")
    for case in load_cases("sft-masked-packed-loss"):
        got = reference(**case["args"])
        assert isinstance(got, torch.Tensor) and got.shape == () and got.dtype == torch.float64
        assert math.isfinite(got.item()), case["name"]
        assert got.item() == pytest.approx(sft_unpacked(**case["args"]), rel=1e-12, abs=1e-15), case["name"]


def test_sft_loss_does_not_depend_on_the_packing_order():
    """Reversing the order of the documents in the pack leaves a token-level mean unchanged."""
    reference = entry("sft-masked-packed-loss", "reference.py")
    for case in load_cases("sft-masked-packed-loss"):
        a = case["args"]
        runs = [torch.nonzero(a["doc_ids"] == d).squeeze(1) for d in torch.unique(a["doc_ids"])]
        order = torch.cat(runs[::-1])
        new_ids = torch.cat([torch.full((len(r),), i, dtype=torch.int64) for i, r in enumerate(runs[::-1])])
        flipped = reference(a["logits"][order], a["tokens"][order], a["loss_mask"][order], new_ids)
        assert flipped.item() == pytest.approx(reference(**a).item(), rel=1e-12, abs=1e-15), case["name"]


def test_sft_cases_cover_the_edges():
    cases = {c["name"]: c["args"] for c in load_cases("sft-masked-packed-loss")}
    starts_supervised = 0
    for a in cases.values():
        assert torch.all(a["doc_ids"][1:] >= a["doc_ids"][:-1])
        boundary = torch.cat([torch.tensor([True]), a["doc_ids"][1:] != a["doc_ids"][:-1]])
        starts_supervised += int((boundary[1:] & a["loss_mask"][1:]).sum())
    assert starts_supervised >= 5
    assert any(a["logits"].abs().max() > 1e3 for a in cases.values())
    assert any(entry("sft-masked-packed-loss", "reference.py")(**a).item() == 0.0 for a in cases.values())


def test_sft_statement_example():
    a = load_cases("sft-masked-packed-loss")[0]["args"]
    assert entry("sft-masked-packed-loss", "reference.py")(**a).item() == pytest.approx(1.9577985253, abs=1e-10)
    assert sft_unpacked(**a) == pytest.approx(1.9577985253, abs=1e-10)
