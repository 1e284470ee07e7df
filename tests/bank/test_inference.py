"""Cross-check the inference problems: each reference against an independent implementation."""

import math
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F

PROBLEMS = Path(__file__).resolve().parents[2] / "problems"
SLUGS = ["kv-cache-attention-step", "online-softmax-merge", "speculative-decoding-verify"]
ENTRIES = {
    "kv-cache-attention-step": "attention_decode_step",
    "online-softmax-merge": "merge_partials",
    "speculative-decoding-verify": "speculative_verify",
}


def _t(x) -> torch.Tensor:
    return torch.as_tensor(np.asarray(x, dtype=np.float64))


@pytest.mark.parametrize("slug", SLUGS)
def test_generator_is_deterministic(bank, slug):
    first, second = bank.cases(slug), bank.cases(slug)
    assert [c["name"] for c in first] == [c["name"] for c in second]
    assert len({c["name"] for c in first}) == len(first)
    assert 2 <= sum(not c["hidden"] for c in first) <= 3
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


# --- kv-cache-attention-step ---------------------------------------------------------------------------------


def _gqa_attention_torch(x, Wq, Wk, Wv, Wo, k_cache, v_cache, n_heads, n_kv_heads):
    """Independent: torch SDPA over the full (cache + new) sequence, kv heads expanded by repeat_interleave."""
    B = x.shape[0]
    dh = Wq.shape[1] // n_heads
    x, Wq, Wk, Wv, Wo = map(_t, (x, Wq, Wk, Wv, Wo))
    q = (x @ Wq).view(B, n_heads, 1, dh)
    k = torch.cat([_t(k_cache), (x @ Wk).view(B, n_kv_heads, 1, dh)], dim=2)
    v = torch.cat([_t(v_cache), (x @ Wv).view(B, n_kv_heads, 1, dh)], dim=2)
    group = n_heads // n_kv_heads
    out = F.scaled_dot_product_attention(q, k.repeat_interleave(group, dim=1), v.repeat_interleave(group, dim=1))
    return (out.reshape(B, n_heads * dh) @ Wo).numpy(), k.numpy(), v.numpy()


def test_kv_cache_step_matches_torch_sdpa(bank):
    slug = "kv-cache-attention-step"
    ref = bank.module(slug, "reference.py").attention_decode_step
    for case in bank.cases(slug):
        args = case["args"]
        before = {k: np.copy(v) for k, v in args.items() if isinstance(v, np.ndarray)}
        got = ref(**args)
        expected = _gqa_attention_torch(**args)
        for g, e in zip(got, expected, strict=True):
            assert g.shape == e.shape, case["name"]
            np.testing.assert_allclose(g, e, rtol=1e-9, atol=1e-12, err_msg=case["name"])
        for key, value in before.items():
            np.testing.assert_array_equal(args[key], value, err_msg=f"{case['name']}: {key} was modified")


@pytest.mark.parametrize(("n_heads", "n_kv_heads"), [(4, 4), (4, 2), (6, 3), (8, 2), (4, 1)])
def test_kv_cache_decoding_equals_full_causal_attention(bank, n_heads, n_kv_heads):
    """Decoding a sequence token by token from an empty cache gives every row of full causal GQA attention."""
    ref = bank.module("kv-cache-attention-step", "reference.py").attention_decode_step
    rng = np.random.default_rng(n_heads * 10 + n_kv_heads)
    B, S, D, dh = 2, 7, 12, 3
    X = rng.normal(size=(B, S, D))
    Wq = rng.normal(size=(D, n_heads * dh)) / math.sqrt(D)
    Wk = rng.normal(size=(D, n_kv_heads * dh)) / math.sqrt(D)
    Wv = rng.normal(size=(D, n_kv_heads * dh)) / math.sqrt(D)
    Wo = rng.normal(size=(n_heads * dh, D)) / math.sqrt(n_heads * dh)
    # full sequence, the textbook way: explicit causal mask, per-head loop, torch.softmax
    Xt = _t(X)
    Q = (Xt @ _t(Wq)).view(B, S, n_heads, dh)
    K = (Xt @ _t(Wk)).view(B, S, n_kv_heads, dh)
    V = (Xt @ _t(Wv)).view(B, S, n_kv_heads, dh)
    causal = torch.ones(S, S, dtype=torch.bool).tril()
    heads = []
    for h in range(n_heads):
        g = h * n_kv_heads // n_heads  # equals h // (n_heads // n_kv_heads) when n_heads % n_kv_heads == 0
        scores = Q[:, :, h] @ K[:, :, g].transpose(1, 2) / math.sqrt(dh)
        weights = torch.softmax(scores.masked_fill(~causal, float("-inf")), dim=-1)
        heads.append(weights @ V[:, :, g])
    full = (torch.cat(heads, dim=-1) @ _t(Wo)).numpy()
    k_cache = np.zeros((B, n_kv_heads, 0, dh))
    v_cache = np.zeros((B, n_kv_heads, 0, dh))
    for t in range(S):
        y, k_cache, v_cache = ref(X[:, t], Wq, Wk, Wv, Wo, k_cache, v_cache, n_heads, n_kv_heads)
        np.testing.assert_allclose(y, full[:, t], rtol=1e-9, atol=1e-12, err_msg=f"step {t}")
    np.testing.assert_allclose(k_cache, K.permute(0, 2, 1, 3).numpy(), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(v_cache, V.permute(0, 2, 1, 3).numpy(), rtol=1e-12, atol=1e-14)


def test_kv_cache_statement_example(bank):
    ref = bank.module("kv-cache-attention-step", "reference.py").attention_decode_step
    eye = np.eye(2)
    empty = np.zeros((1, 1, 0, 2))
    y, k, v = ref(np.array([[1.0, 2.0]]), eye, eye, eye, eye, empty, empty, 1, 1)
    np.testing.assert_array_equal(y, [[1.0, 2.0]])
    np.testing.assert_array_equal(k, [[[[1.0, 2.0]]]])
    np.testing.assert_array_equal(v, [[[[1.0, 2.0]]]])


# --- online-softmax-merge ------------------------------------------------------------------------------------


def _merge_via_logsumexp(m1, l1, o1, m2, l2, o2):
    """Independent: torch logsumexp of (m + log l) per block; weights exp(lse_i - lse)."""
    m1, l1, o1, m2, l2, o2 = map(_t, (m1, l1, o1, m2, l2, o2))
    lse_blocks = torch.stack([m1 + torch.log(l1), m2 + torch.log(l2)], dim=1)  # log(0) = -inf for empty
    lse = torch.logsumexp(lse_blocks, dim=1)
    m = torch.maximum(m1, m2)
    empty = torch.isneginf(lse)
    weights = torch.where(empty[:, None], 0.0, torch.exp(lse_blocks - lse[:, None]))
    o = weights[:, :1] * o1 + weights[:, 1:] * o2
    denom = torch.where(empty, 0.0, torch.exp(lse - torch.where(empty, 0.0, m)))
    return m.numpy(), denom.numpy(), o.numpy()


def test_online_softmax_merge_matches_logsumexp_form(bank):
    slug = "online-softmax-merge"
    ref = bank.module(slug, "reference.py").merge_partials
    for case in bank.cases(slug):
        args = case["args"]
        before = {k: np.copy(v) for k, v in args.items()}
        # no inf - inf, 0 / 0 or overflow inside the reference (underflow of exp(-1000) to 0 is fine)
        with np.errstate(invalid="raise", over="raise", divide="raise"):
            got = ref(**args)
        expected = _merge_via_logsumexp(**args)
        for g, e in zip(got, expected, strict=True):
            assert not np.isnan(g).any(), case["name"]
            np.testing.assert_allclose(g, e, rtol=1e-9, atol=1e-12, err_msg=case["name"])
        for key, value in before.items():
            np.testing.assert_array_equal(args[key], value, err_msg=f"{case['name']}: {key} was modified")


def _block_partial(scores: torch.Tensor, values: torch.Tensor):
    """(m, l, o) of one block computed with torch: amax, exp, matmul; empty rows -> (-inf, 0, 0)."""
    m = scores.amax(dim=1) if scores.shape[1] else torch.full((scores.shape[0],), float("-inf"), dtype=torch.float64)
    live = ~torch.isneginf(m)
    e = torch.exp(scores - torch.where(live, m, 0.0)[:, None])
    denom = e.sum(dim=1)
    o = torch.where(live[:, None], (e @ values) / torch.where(live, denom, 1.0)[:, None], 0.0)
    return m.numpy(), denom.numpy(), o.numpy()


@pytest.mark.parametrize("offset", [0.0, 1500.0, -2500.0])
@pytest.mark.parametrize("gap", [0.0, 30.0, 1000.0])
def test_online_softmax_merge_equals_softmax_over_concatenated_blocks(bank, offset, gap):
    """Merged partials reproduce softmax(concat scores) @ concat values, computed directly."""
    ref = bank.module("online-softmax-merge", "reference.py").merge_partials
    rng = np.random.default_rng(int(offset + gap) % 1000)
    N, n1, n2, d = 8, 5, 3, 4
    s1 = torch.as_tensor(offset + rng.normal(size=(N, n1)))
    s2 = torch.as_tensor(offset + gap + rng.normal(size=(N, n2)))
    s1[torch.as_tensor(rng.random((N, n1)) < 0.3)] = float("-inf")
    s1[0] = float("-inf")  # row 0: block 1 empty
    s2[1] = float("-inf")  # row 1: block 2 empty
    s1[2] = s2[2] = float("-inf")  # row 2: empty in both
    v1, v2 = torch.as_tensor(rng.normal(size=(n1, d))), torch.as_tensor(rng.normal(size=(n2, d)))
    m, denom, o = ref(*_block_partial(s1, v1), *_block_partial(s2, v2))
    scores, values = torch.cat([s1, s2], dim=1), torch.cat([v1, v2])
    live = ~torch.isneginf(scores).all(dim=1)
    direct = torch.softmax(scores[live], dim=1) @ values
    np.testing.assert_allclose(o[live.numpy()], direct.numpy(), rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal(m, scores.amax(dim=1).numpy())
    lse = torch.logsumexp(scores[live], dim=1)
    np.testing.assert_allclose(denom[live.numpy()], torch.exp(lse - scores[live].amax(dim=1)).numpy(), rtol=1e-9)
    dead = (~live).numpy()
    assert np.isneginf(m[dead]).all() and (denom[dead] == 0).all() and (o[dead] == 0).all()
    assert not any(np.isnan(a).any() for a in (m, denom, o))


def test_online_softmax_merge_is_associative_over_three_blocks(bank):
    """Merging ((b1, b2), b3) and (b1, (b2, b3)) both equal the softmax over all three blocks."""
    ref = bank.module("online-softmax-merge", "reference.py").merge_partials
    rng = np.random.default_rng(7)
    blocks = [
        (torch.as_tensor(rng.normal(scale=4, size=(5, n))), torch.as_tensor(rng.normal(size=(n, 3)))) for n in (2, 4, 3)
    ]
    p1, p2, p3 = (_block_partial(s, v) for s, v in blocks)
    left = ref(*ref(*p1, *p2), *p3)
    right = ref(*p1, *ref(*p2, *p3))
    direct = torch.softmax(torch.cat([s for s, _ in blocks], dim=1), dim=1) @ torch.cat([v for _, v in blocks])
    for o in (left[2], right[2]):
        np.testing.assert_allclose(o, direct.numpy(), rtol=1e-9, atol=1e-12)


def test_online_softmax_merge_statement_example(bank):
    ref = bank.module("online-softmax-merge", "reference.py").merge_partials
    inf = np.inf
    m, denom, o = ref(
        np.array([0.0, -inf, -inf]),
        np.array([2.0, 0.0, 0.0]),
        np.array([[2.0], [0.0], [0.0]]),
        np.array([0.0, 1000.0, -inf]),
        np.array([1.0, 1.0, 0.0]),
        np.array([[5.0], [7.0], [0.0]]),
    )
    np.testing.assert_array_equal(m, [0.0, 1000.0, -inf])
    np.testing.assert_allclose(denom, [3.0, 1.0, 0.0], rtol=1e-15)
    np.testing.assert_allclose(o, [[3.0], [7.0], [0.0]], rtol=1e-15)


# --- speculative-decoding-verify -----------------------------------------------------------------------------


def _verify_independent(draft_tokens, q, p, u, r):
    """Independent: accept flags first, then one sample; inverse-CDF by scanning, fallback by reversed scan."""

    def draw(weights):
        normalised = weights / np.sum(weights)
        running = 0.0
        for j, w in enumerate(normalised.tolist()):
            running += w  # sequential, like np.cumsum
            if running > r:
                return j
        return next(j for j in reversed(range(len(weights))) if weights[j] > 0)

    K = len(draft_tokens)
    flags = [float(u[i]) < min(1.0, float(p[i, t]) / float(q[i, t])) for i, t in enumerate(draft_tokens.tolist())]
    n = flags.index(False) if False in flags else K
    residual = p[K] if n == K else np.where(p[n] > q[n], p[n] - q[n], 0.0)
    return [int(t) for t in draft_tokens[:n]] + [draw(residual)]


def test_speculative_verify_matches_independent_implementation(bank):
    slug = "speculative-decoding-verify"
    ref = bank.module(slug, "reference.py").speculative_verify
    fallback_hit = False
    for case in bank.cases(slug):
        args = case["args"]
        before = {k: np.copy(v) for k, v in args.items() if isinstance(v, np.ndarray)}
        got = ref(**args)
        assert type(got) is list and all(type(t) is int for t in got), case["name"]
        assert 1 <= len(got) <= len(args["draft_tokens"]) + 1, case["name"]
        assert got == _verify_independent(**args), case["name"]
        for key, value in before.items():
            np.testing.assert_array_equal(args[key], value, err_msg=f"{case['name']}: {key} was modified")
        fallback_hit |= case["name"].startswith("rounding-fallback")
    assert fallback_hit


def test_speculative_generator_really_exercises_the_rounding_fallback(bank):
    """The fallback cases must need the fallback: the normalised cumsum ends at or below r < 1."""
    for case in bank.cases("speculative-decoding-verify"):
        if not case["name"].startswith("rounding-fallback"):
            continue
        a = case["args"]
        K = len(a["draft_tokens"])
        out = bank.module("speculative-decoding-verify", "reference.py").speculative_verify(**a)
        i = len(out) - 1
        w = a["p"][K] if i == K else np.maximum(a["p"][i] - a["q"][i], 0.0)
        assert np.cumsum(w / w.sum())[-1] <= a["r"] < 1.0
        assert w[-1] == 0.0 and w[out[-1]] > 0.0


def test_speculative_with_q_equal_to_p_accepts_everything(bank):
    ref = bank.module("speculative-decoding-verify", "reference.py").speculative_verify
    rng = np.random.default_rng(0)
    for _ in range(200):
        K, V = int(rng.integers(1, 6)), int(rng.integers(2, 10))
        q = rng.dirichlet(np.ones(V), size=K)
        p = np.concatenate([q, rng.dirichlet(np.ones(V), size=1)])
        draft = np.array([rng.choice(V, p=row) for row in q])
        out = ref(draft, q, p, rng.random(K), float(rng.random()))
        assert out[:K] == draft.tolist() and len(out) == K + 1


def test_speculative_output_is_distributed_as_the_target(bank):
    """Lossless: over draws of the draft token, u and r, the first emitted token follows p[0]."""
    ref = bank.module("speculative-decoding-verify", "reference.py").speculative_verify
    rng = np.random.default_rng(1)
    q = np.array([[0.5, 0.3, 0.1, 0.1], [0.25, 0.25, 0.25, 0.25]])
    p = np.array([[0.1, 0.2, 0.3, 0.4], [0.4, 0.3, 0.2, 0.1], [0.25, 0.25, 0.25, 0.25]])
    trials = 20000
    counts = np.zeros(4)
    for _ in range(trials):
        draft = np.array([rng.choice(4, p=q[0]), rng.choice(4, p=q[1])])
        counts[ref(draft, q, p, rng.random(2), float(rng.random()))[0]] += 1
    sigma = np.sqrt(p[0] * (1 - p[0]) / trials)
    assert np.all(np.abs(counts / trials - p[0]) < 5 * sigma), counts / trials


def test_speculative_statement_example(bank):
    ref = bank.module("speculative-decoding-verify", "reference.py").speculative_verify
    q = np.array([[0.2, 0.6, 0.2], [0.1, 0.1, 0.8]])
    p = np.array([[0.3, 0.5, 0.2], [0.4, 0.4, 0.2], [0.5, 0.5, 0.0]])
    assert ref(np.array([1, 2]), q, p, np.array([0.5, 0.9]), 0.5) == [1, 1]
    assert ref(np.array([1, 2]), q, p, np.array([0.5, 0.1]), 0.5) == [1, 2, 1]
