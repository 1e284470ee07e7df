"""Cross-check kl-shaped-rewards, prefix-cache-block-hashes, top-k-top-p-filter and sequence-packing independently."""

import copy
import hashlib

import numpy as np
import torch

# --- kl-shaped-rewards: torch built-ins (cumsum to find the last completion token, scatter_add for the score) ---


def _kl_rewards_torch(logp_policy, logp_ref, rm_scores, mask, beta=0.1):
    m = torch.as_tensor(mask)
    kl = torch.as_tensor(logp_policy) - torch.as_tensor(logp_ref)
    rewards = torch.where(m, -beta * kl, torch.zeros_like(kl))
    # The last completion token is where the running count of True reaches the row total.
    counts = torch.cumsum(m.long(), dim=1)
    last = (m & (counts == counts[:, -1:])).long().argmax(dim=1)
    return rewards.scatter_add(1, last[:, None], torch.as_tensor(rm_scores)[:, None]).numpy()


def test_kl_shaped_rewards_matches_torch(bank):
    slug = "kl-shaped-rewards"
    ref = bank.module(slug, "reference.py").kl_shaped_rewards
    for case in bank.cases(slug):
        args = case["args"]
        before = copy.deepcopy(args)
        got = ref(**args)
        assert got.dtype == np.float64 and got.shape == args["mask"].shape, case["name"]
        np.testing.assert_allclose(got, _kl_rewards_torch(**args), rtol=1e-12, atol=1e-15, err_msg=case["name"])
        assert np.all(got[~args["mask"]] == 0.0), case["name"]
        for key, value in before.items():
            np.testing.assert_array_equal(args[key], value)


def test_kl_shaped_rewards_sum_is_score_minus_beta_kl(bank):
    """Closed form: each row sums to its score minus beta times the summed log-ratio over the completion."""
    slug = "kl-shaped-rewards"
    ref = bank.module(slug, "reference.py").kl_shaped_rewards
    for case in bank.cases(slug):
        a = case["args"]
        beta = a.get("beta", 0.1)
        expected = a["rm_scores"] - beta * ((a["logp_policy"] - a["logp_ref"]) * a["mask"]).sum(axis=1)
        np.testing.assert_allclose(ref(**a).sum(axis=1), expected, rtol=1e-10, atol=1e-12, err_msg=case["name"])


# --- prefix-cache-block-hashes: a second implementation (hashlib.sha256 streamed, parent as hex) + invariants ---


def _prefix_hits_independent(token_ids, block_size, cached_hashes):
    hashes, parent_hex = [], "0" * 64
    for b in range(len(token_ids) // block_size):
        h = hashlib.new("sha256")
        h.update(bytes.fromhex(parent_hex))
        for t in token_ids[b * block_size : (b + 1) * block_size]:
            h.update(bytes((t >> (8 * j)) & 0xFF for j in range(8)))
        parent_hex = h.hexdigest()
        hashes.append(parent_hex)
    hit = next((b for b, value in enumerate(hashes) if value not in set(cached_hashes)), len(hashes))
    return hashes, hit * block_size


def test_prefix_cache_hits_matches_second_implementation(bank):
    slug = "prefix-cache-block-hashes"
    ref = bank.module(slug, "reference.py").prefix_cache_hits
    for case in bank.cases(slug):
        args = case["args"]
        before = copy.deepcopy(args)
        hashes, hit = ref(**args)
        assert (list(hashes), hit) == _prefix_hits_independent(**args), case["name"]
        assert len(hashes) == len(args["token_ids"]) // args["block_size"], case["name"]
        assert all(len(h) == 64 and h == h.lower() for h in hashes), case["name"]
        assert args == before, case["name"]


def test_prefix_cache_hashes_identify_the_whole_prefix(bank):
    """Shared prefixes share hashes block for block; a change in one token changes that block's hash and all later."""
    ref = bank.module("prefix-cache-block-hashes", "reference.py").prefix_cache_hits
    rng = np.random.default_rng(0)
    tokens = [int(t) for t in rng.integers(0, 1000, size=40)]
    base, _ = ref(tokens, 4, [])
    changed = list(tokens)
    changed[13] += 1
    other, _ = ref(changed, 4, [])
    assert base[:3] == other[:3]
    assert all(a != b for a, b in zip(base[3:], other[3:], strict=True))
    _, hit = ref(tokens, 4, base)
    assert hit == 40
    _, hit = ref(changed, 4, base)
    assert hit == 12


# --- top-k-top-p-filter: the Hugging Face warper logic, written in torch (topk + stable sort + scatter) ---


def _hf_top_k_top_p(logits, top_k, top_p):
    scores = torch.as_tensor(logits).clone()
    if top_k > 0:
        k = min(max(top_k, 1), scores.size(-1))
        indices_to_remove = scores < torch.topk(scores, k)[0][..., -1, None]
        scores = scores.masked_fill(indices_to_remove, -float("inf"))
    if top_p < 1.0:
        sorted_logits, sorted_indices = torch.sort(scores, descending=False, stable=True)
        cumulative_probs = sorted_logits.softmax(dim=-1).cumsum(dim=-1)
        sorted_indices_to_remove = cumulative_probs <= (1 - top_p)
        sorted_indices_to_remove[..., -1:] = 0
        indices_to_remove = sorted_indices_to_remove.scatter(1, sorted_indices, sorted_indices_to_remove)
        scores = scores.masked_fill(indices_to_remove, -float("inf"))
    return scores.numpy()


def test_top_k_top_p_filter_matches_hugging_face_logic(bank):
    slug = "top-k-top-p-filter"
    ref = bank.module(slug, "reference.py").top_k_top_p_filter
    for case in bank.cases(slug):
        args = case["args"]
        before = np.copy(args["logits"])
        got = ref(**args)
        assert got.dtype == np.float64 and got.shape == before.shape, case["name"]
        np.testing.assert_array_equal(got, _hf_top_k_top_p(**args), err_msg=case["name"])
        kept = np.isfinite(got)
        assert kept.any(axis=1).all(), case["name"]
        np.testing.assert_array_equal(got[kept], before[kept], err_msg=case["name"])
        np.testing.assert_array_equal(args["logits"], before)


def test_top_k_top_p_filter_keeps_the_nucleus_mass(bank):
    """The survivors hold at least top_p of the top-k distribution, and without the smallest one they hold less."""
    slug = "top-k-top-p-filter"
    ref = bank.module(slug, "reference.py").top_k_top_p_filter
    for case in bank.cases(slug):
        a = case["args"]
        if a["top_p"] >= 1.0:
            continue
        after_k = ref(a["logits"], a["top_k"], 1.0)
        got = ref(**a)
        for row_k, row in zip(after_k, got, strict=True):
            p = np.exp(row_k - row_k.max())
            p /= p.sum()
            kept = np.isfinite(row)
            assert p[kept].sum() >= a["top_p"] - 1e-12, case["name"]
            # Minimality: dropping the smallest kept token goes below top_p (unless only one is left).
            if kept.sum() > 1:
                assert p[kept].sum() - p[kept].min() < a["top_p"] + 1e-12, case["name"]


# --- sequence-packing: a second implementation (room list scanned with next()) + bin invariants ---


def _ffd_independent(lengths, capacity):
    if lengths and max(lengths) > capacity:
        return None
    bins, used = [], []
    for _, i in sorted((-n, i) for i, n in enumerate(lengths)):
        b = next((b for b, load in enumerate(used) if load + lengths[i] <= capacity), None)
        if b is None:
            bins.append([])
            used.append(0)
            b = len(bins) - 1
        bins[b].append(i)
        used[b] += lengths[i]
    return bins


def test_sequence_packing_matches_second_implementation(bank):
    slug = "sequence-packing"
    ref = bank.module(slug, "reference.py").pack_sequences
    for case in bank.cases(slug):
        args = case["args"]
        before = copy.deepcopy(args)
        got = ref(**args)
        assert got == _ffd_independent(**args), case["name"]
        assert args == before, case["name"]
        if got is None:
            assert max(args["lengths"]) > args["capacity"]
            continue
        assert sorted(i for b in got for i in b) == list(range(len(args["lengths"]))), case["name"]
        assert all(sum(args["lengths"][i] for i in b) <= args["capacity"] for b in got), case["name"]
        # First fit never leaves two bins at most half full: the later one's first item would have fitted.
        assert sum(sum(args["lengths"][i] for i in b) * 2 <= args["capacity"] for b in got) <= 1, case["name"]
