"""Cross-check the second set of inference problems against torch built-ins and independent loops."""

from pathlib import Path

import numpy as np
import pytest
import torch

PROBLEMS = Path(__file__).resolve().parents[2] / "problems"

SLUGS = ["paged-kv-gather", "repetition-penalty", "min-p-sampling", "sliding-window-causal-mask"]


@pytest.mark.parametrize("slug", SLUGS)
def test_generator_is_deterministic_and_seeded(bank, slug):
    first, second = bank.cases(slug), bank.cases(slug)
    assert [c["name"] for c in first] == [c["name"] for c in second]
    assert len({c["name"] for c in first}) == len(first)
    assert 2 <= sum(not c["hidden"] for c in first) <= 3
    assert all(not c["hidden"] for c in first[: sum(not c["hidden"] for c in first)]), "visible samples come first"
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


def _snapshot(args: dict) -> dict:
    return {k: np.copy(v) for k, v in args.items() if isinstance(v, np.ndarray)}


def _assert_unchanged(args: dict, before: dict, name: str) -> None:
    for key, value in before.items():
        np.testing.assert_array_equal(args[key], value, err_msg=f"{name}: {key} was modified")


# --- paged-kv-gather -----------------------------------------------------------------------------------------


def _gather_torch(pool, block_table, seq_len):
    """Independent: torch.index_select over the pool flattened to slots, indices built token by token."""
    num_blocks, block_size, H, dh = pool.shape
    slots = [int(block_table[t // block_size]) * block_size + t % block_size for t in range(seq_len)]
    flat = torch.as_tensor(pool).reshape(num_blocks * block_size, H, dh)
    return torch.index_select(flat, 0, torch.tensor(slots, dtype=torch.int64)).numpy()


def test_paged_kv_gather_matches_torch_index_select(bank):
    slug = "paged-kv-gather"
    ref = bank.module(slug, "reference.py").paged_kv_gather
    for case in bank.cases(slug):
        args = case["args"]
        before = _snapshot(args)
        got = ref(**args)
        expected = _gather_torch(**args)
        assert got.dtype == np.float64 and got.shape == expected.shape, case["name"]
        np.testing.assert_array_equal(got, expected, err_msg=case["name"])
        assert not np.shares_memory(got, args["pool"]), case["name"]
        _assert_unchanged(args, before, case["name"])


def test_paged_kv_gather_inverts_a_paged_write(bank):
    """Write a contiguous sequence into a shuffled pool block by block; the gather gives it back."""
    ref = bank.module("paged-kv-gather", "reference.py").paged_kv_gather
    rng = np.random.default_rng(3)
    for seq_len in (0, 1, 7, 8, 9, 31):
        block_size, H, dh, num_blocks = 4, 2, 3, 12
        sequence = rng.normal(size=(seq_len, H, dh))
        pool = rng.normal(size=(num_blocks, block_size, H, dh))  # stale data everywhere
        table = rng.permutation(num_blocks)[: -(-seq_len // block_size)]
        for t in range(seq_len):
            pool[table[t // block_size], t % block_size] = sequence[t]
        np.testing.assert_array_equal(ref(pool, table, seq_len), sequence)


def test_paged_kv_gather_generator_covers_the_edge_cases(bank):
    cases = {c["name"]: c["args"] for c in bank.cases("paged-kv-gather")}
    assert any(a["seq_len"] == 0 for a in cases.values())
    assert any(a["pool"].shape[1] == 1 for a in cases.values())
    assert any(a["seq_len"] % a["pool"].shape[1] for a in cases.values()), "a partly filled last block"
    assert any(a["seq_len"] and a["seq_len"] % a["pool"].shape[1] == 0 for a in cases.values())
    assert any(np.any(np.diff(a["block_table"]) < 0) for a in cases.values()), "a table out of order"
    for a in cases.values():
        assert len(a["block_table"]) == -(-a["seq_len"] // a["pool"].shape[1])
        assert len(set(a["block_table"].tolist())) == len(a["block_table"])


def test_paged_kv_gather_statement_example(bank):
    ref = bank.module("paged-kv-gather", "reference.py").paged_kv_gather
    pool = np.arange(6 * 4, dtype=np.float64).reshape(6, 4, 1, 1)
    out = ref(pool, np.array([3, 0, 5]), 10)
    assert out.shape == (10, 1, 1)
    np.testing.assert_array_equal(out[:, 0, 0], [12, 13, 14, 15, 0, 1, 2, 3, 20, 21])


# --- repetition-penalty --------------------------------------------------------------------------------------


def _penalty_torch(logits, context, theta, mode):
    """Independent: the Hugging Face processor's gather / where / scatter on a torch tensor."""
    scores = torch.as_tensor(logits).clone()
    ids = torch.as_tensor(np.asarray(context, dtype=np.int64))
    picked = torch.gather(scores, 0, ids)
    if mode == "ctrl":
        picked = picked / theta
    else:
        picked = torch.where(picked < 0, picked * theta, picked / theta)
    return scores.scatter_(0, ids, picked).numpy()


def test_repetition_penalty_matches_torch_gather_scatter(bank):
    slug = "repetition-penalty"
    ref = bank.module(slug, "reference.py").repetition_penalty
    modes = set()
    for case in bank.cases(slug):
        args = case["args"]
        before = _snapshot(args)
        got = ref(**args)
        assert got.dtype == np.float64 and got.shape == args["logits"].shape, case["name"]
        np.testing.assert_allclose(got, _penalty_torch(**args), rtol=1e-15, atol=0, err_msg=case["name"])
        _assert_unchanged(args, before, case["name"])
        modes.add(args["mode"])
    assert modes == {"ctrl", "sign-aware"}


@pytest.mark.parametrize("mode", ["ctrl", "sign-aware"])
def test_repetition_penalty_counts_each_id_once(bank, mode):
    """Repeating the context changes nothing; unseen ids are untouched."""
    ref = bank.module("repetition-penalty", "reference.py").repetition_penalty
    rng = np.random.default_rng(5)
    logits = rng.normal(scale=2.0, size=50)
    context = rng.choice(50, size=15)
    once = ref(logits, context, 1.4, mode)
    np.testing.assert_array_equal(ref(logits, np.tile(context, 4), 1.4, mode), once)
    unseen = np.setdiff1d(np.arange(50), context)
    np.testing.assert_array_equal(once[unseen], logits[unseen])


def test_repetition_penalty_sign_aware_always_lowers_the_probability(bank):
    """With theta > 1, the sign-aware rule lowers each seen token's logit; CTRL raises negative ones."""
    ref = bank.module("repetition-penalty", "reference.py").repetition_penalty
    rng = np.random.default_rng(6)
    logits = rng.normal(scale=3.0, size=40)
    context = np.arange(0, 40, 2)
    signed, ctrl = ref(logits, context, 1.5, "sign-aware"), ref(logits, context, 1.5, "ctrl")
    seen = logits[context]
    assert np.all(signed[context][seen != 0] < seen[seen != 0])
    assert np.all(ctrl[context][seen < 0] > seen[seen < 0])
    # CTRL is sampling the seen tokens at temperature theta: exp(x / theta) for them, exp(x) for the rest.
    temperature = np.ones(40)
    temperature[context] = 1.5
    np.testing.assert_allclose(ctrl, logits / temperature, rtol=1e-15)


def test_repetition_penalty_statement_example(bank):
    ref = bank.module("repetition-penalty", "reference.py").repetition_penalty
    logits = np.array([2.0, -1.0, 0.5, -3.0, 0.0, 1.5])
    context = np.array([0, 1, 1, 4, 1])
    np.testing.assert_array_equal(ref(logits, context, 2.0, "ctrl"), [1.0, -0.5, 0.5, -3.0, 0.0, 1.5])
    np.testing.assert_array_equal(ref(logits, context, 2.0, "sign-aware"), [1.0, -2.0, 0.5, -3.0, 0.0, 1.5])


# --- min-p-sampling ------------------------------------------------------------------------------------------


def _min_p_independent(probs, min_p, r):
    """Independent: torch filter, then a Python running sum over the kept tokens compared with r * kept mass."""
    p = torch.as_tensor(probs)
    kept = torch.nonzero(p >= min_p * torch.max(p)).flatten().tolist()
    kept = [j for j in kept if probs[j] > 0]
    target = r * float(p[kept].sum())
    running = 0.0
    for j in kept:
        running += float(probs[j])
        if running > target:
            return j
    return kept[-1]


def test_min_p_matches_independent_implementation(bank):
    slug = "min-p-sampling"
    ref = bank.module(slug, "reference.py").min_p_sample
    for case in bank.cases(slug):
        args = case["args"]
        before = _snapshot(args)
        got = ref(**args)
        assert type(got) is int, case["name"]
        assert got == _min_p_independent(**args), case["name"]
        assert args["probs"][got] >= args["min_p"] * args["probs"].max() and args["probs"][got] > 0, case["name"]
        _assert_unchanged(args, before, case["name"])


def test_min_p_generator_has_its_edge_cases(bank):
    cases = {c["name"]: c["args"] for c in bank.cases("min-p-sampling")}
    ref = bank.module("min-p-sampling", "reference.py").min_p_sample
    fallback = cases["rounding-fallback"]
    p = fallback["probs"]
    w = np.where(p >= fallback["min_p"] * p.max(), p, 0.0)
    assert np.cumsum(w / w.sum())[-1] <= fallback["r"] < 1.0 and w[-1] == 0.0
    assert ref(**fallback) == int(np.flatnonzero(w)[-1])
    ties = [a for a in cases.values() if np.any(a["probs"] == a["min_p"] * a["probs"].max()) and a["min_p"] < 1]
    assert ties, "a token exactly on the threshold"
    for a in ties:
        on = a["probs"] == a["min_p"] * a["probs"].max()
        np.testing.assert_array_equal(on, a["probs"] / a["probs"].max() == a["min_p"])
    assert any(a["r"] == 0.0 for a in cases.values()) and any(a["min_p"] == 0.0 for a in cases.values())


def test_min_p_frequencies_follow_the_renormalised_kept_mass(bank):
    """Sweeping r over a fine grid of [0, 1) hits each kept token in proportion to its renormalised probability."""
    ref = bank.module("min-p-sampling", "reference.py").min_p_sample
    probs = np.array([0.05, 0.3, 0.02, 0.25, 0.18, 0.2])
    n = 20000
    counts = np.bincount([ref(probs, 0.5, (k + 0.5) / n) for k in range(n)], minlength=6)
    kept = np.where(probs >= 0.15, probs, 0.0)
    np.testing.assert_allclose(counts / n, kept / kept.sum(), atol=2 / n)


def test_min_p_statement_examples(bank):
    ref = bank.module("min-p-sampling", "reference.py").min_p_sample
    assert ref(np.array([0.1, 0.4, 0.05, 0.3, 0.15]), 0.3, 0.5) == 3
    assert ref(np.array([0.125, 0.5, 0.25, 0.0625, 0.0625]), 0.5, 0.7) == 2


# --- sliding-window-causal-mask ------------------------------------------------------------------------------


def _window_mask_loops(T, S, W, offset):
    """Independent: the definition, entry by entry."""
    return np.array([[offset + r - W < j <= offset + r for j in range(S)] for r in range(T)], dtype=bool).reshape(T, S)


def test_sliding_window_mask_matches_loops_and_torch(bank):
    slug = "sliding-window-causal-mask"
    ref = bank.module(slug, "reference.py").sliding_window_causal_mask
    for case in bank.cases(slug):
        a = case["args"]
        got = ref(**a)
        assert got.dtype == np.bool_ and got.shape == (a["T"], a["S"]), case["name"]
        np.testing.assert_array_equal(got, _window_mask_loops(**a), err_msg=case["name"])
        ones = torch.ones(a["T"], a["S"], dtype=torch.bool)
        banded = torch.tril(ones, diagonal=a["offset"]) & torch.triu(ones, diagonal=a["offset"] - a["W"] + 1)
        np.testing.assert_array_equal(got, banded.numpy(), err_msg=case["name"])


@pytest.mark.parametrize("W", [1, 3, 8, 50])
def test_sliding_window_mask_equals_decoding_with_a_rolling_cache(bank, W):
    """Attention under the mask (torch SDPA) equals token-by-token decoding that keeps only the last W keys."""
    ref = bank.module("sliding-window-causal-mask", "reference.py").sliding_window_causal_mask
    rng = np.random.default_rng(W)
    S, d = 12, 4
    q, k, v = (torch.as_tensor(rng.normal(size=(S, d))) for _ in range(3))
    mask = torch.as_tensor(ref(S, S, W, 0))
    full = torch.nn.functional.scaled_dot_product_attention(q[None], k[None], v[None], attn_mask=mask[None])[0]
    # chunked prefill: the second half of the queries against all keys, with an offset
    half = S // 2
    chunk = torch.as_tensor(ref(S - half, S, W, half))
    second = torch.nn.functional.scaled_dot_product_attention(q[None, half:], k[None], v[None], attn_mask=chunk[None])
    np.testing.assert_allclose(second[0].numpy(), full[half:].numpy(), rtol=1e-12, atol=1e-14)
    for t in range(S):
        lo = max(0, t - W + 1)  # a rolling buffer holds positions lo .. t
        weights = torch.softmax(k[lo : t + 1] @ q[t] / d**0.5, dim=0)
        np.testing.assert_allclose((weights @ v[lo : t + 1]).numpy(), full[t].numpy(), rtol=1e-12, atol=1e-14)
        np.testing.assert_array_equal(ref(1, t + 1, W, t)[0], np.arange(t + 1) >= lo)


def test_sliding_window_statement_example(bank):
    ref = bank.module("sliding-window-causal-mask", "reference.py").sliding_window_causal_mask
    first = [[1, 0, 0, 0, 0], [1, 1, 0, 0, 0], [1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1]]
    second = [[0, 0, 0, 1, 1, 0, 0], [0, 0, 0, 0, 1, 1, 0], [0, 0, 0, 0, 0, 1, 1]]
    np.testing.assert_array_equal(ref(5, 5, 3, 0), np.array(first, dtype=bool))
    np.testing.assert_array_equal(ref(3, 7, 2, 4), np.array(second, dtype=bool))
