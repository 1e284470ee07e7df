"""Cross-checks for the language-model / tokenization problems: each reference against an independent answer."""

import math
import re
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F

PROBLEMS = Path(__file__).resolve().parents[2] / "problems"
SLUGS = [
    "stable-softmax",
    "log-softmax",
    "cross-entropy",
    "kl-divergence",
    "perplexity-from-logprobs",
    "bigram-add-k",
    "interpolated-kneser-ney",
    "bpe-merges",
]
RTOL, ATOL = 1e-9, 1e-12


def reference_outputs(bank, slug: str) -> list[tuple[dict, object]]:
    """Run the problem's reference on every generated case: [(case, output)]."""
    reference = bank.module(slug, "reference.py")
    entry = {
        "stable-softmax": "softmax",
        "log-softmax": "log_softmax",
        "cross-entropy": "cross_entropy",
        "kl-divergence": "kl_divergence",
        "perplexity-from-logprobs": "perplexity",
        "bigram-add-k": "bigram_add_k",
        "interpolated-kneser-ney": "kneser_ney_bigram",
        "bpe-merges": "bpe_merges",
    }[slug]
    return [(case, getattr(reference, entry)(**case["args"])) for case in bank.cases(slug)]


def assert_close(got, expected) -> None:
    got = np.asarray(got, dtype=np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    assert got.shape == expected.shape
    assert np.array_equal(np.isinf(got), np.isinf(expected))
    assert not np.isnan(got).any() and not np.isnan(expected).any()
    np.testing.assert_allclose(got, expected, rtol=RTOL, atol=ATOL)


# --- softmax family: torch built-ins ------------------------------------------------------------


def test_softmax_matches_torch(bank):
    for case, out in reference_outputs(bank, "stable-softmax"):
        x = torch.from_numpy(case["args"]["x"])
        assert out.dtype == np.float64
        assert_close(out, torch.softmax(x, dim=-1).numpy())
        assert np.all(np.isfinite(out)), case["name"]
        np.testing.assert_allclose(out.sum(axis=-1), 1.0, rtol=0, atol=1e-12)


def test_log_softmax_matches_torch(bank):
    for case, out in reference_outputs(bank, "log-softmax"):
        x = torch.from_numpy(case["args"]["x"])
        assert out.dtype == np.float64
        assert np.all(np.isfinite(out)), case["name"]
        assert_close(out, F.log_softmax(x, dim=-1).numpy())


def test_cross_entropy_matches_torch(bank):
    for case, out in reference_outputs(bank, "cross-entropy"):
        logits = torch.from_numpy(case["args"]["logits"])
        labels = torch.from_numpy(case["args"]["labels"])
        assert isinstance(out, float)
        assert_close(out, F.cross_entropy(logits, labels, reduction="mean").item())


def test_cross_entropy_sample_closed_form(bank):
    cases = {case["name"]: out for case, out in reference_outputs(bank, "cross-entropy")}
    lse = math.log(math.exp(2.0) + math.exp(1.0) + math.exp(0.1))
    assert cases["sample-1"] == pytest.approx(lse - 2.0, rel=1e-12)
    assert cases["sample-2"] == pytest.approx((math.log(2.0) + 1000.0) / 2, rel=1e-12)


# --- KL divergence: torch.special.xlogy -----------------------------------------------------------


def test_kl_divergence_matches_xlogy(bank):
    for case, out in reference_outputs(bank, "kl-divergence"):
        p = torch.from_numpy(case["args"]["p"])
        q = torch.from_numpy(case["args"]["q"])
        a, b = (p, q) if case["args"]["direction"] == "forward" else (q, p)
        # xlogy(0, y) = 0 for any y, xlogy(x, 0) = -inf for x > 0: exactly the problem's zero convention.
        expected = (torch.special.xlogy(a, a) - torch.special.xlogy(a, b)).sum(dim=-1).mean().item()
        assert isinstance(out, float)
        assert_close(out, expected)


def test_kl_divergence_samples_and_edges(bank):
    outs = {case["name"]: out for case, out in reference_outputs(bank, "kl-divergence")}
    assert outs["sample-forward"] == pytest.approx(0.5 * math.log(0.5 / 0.9) + 0.5 * math.log(5.0), rel=1e-12)
    assert outs["sample-reverse"] == pytest.approx(0.9 * math.log(1.8) + 0.1 * math.log(0.2), rel=1e-12)
    assert outs["sample-zero-in-p"] == pytest.approx(math.log(2.0), rel=1e-12)
    assert outs["zeros-in-p-reverse-is-inf"] == math.inf
    assert math.isfinite(outs["zeros-in-p-forward"])
    assert outs["identical-rows"] == 0.0
    assert all(v >= -1e-15 for v in outs.values())


# --- perplexity: closed form and torch ------------------------------------------------------------


def test_perplexity_matches_token_weighted_nll(bank):
    for case, out in reference_outputs(bank, "perplexity-from-logprobs"):
        seqs = [torch.from_numpy(s) for s in case["args"]["logprobs"]]
        nll = -torch.cat(seqs).mean()
        assert isinstance(out, float)
        assert_close(out, torch.exp(nll).item())


def test_perplexity_sample_closed_form(bank):
    outs = {case["name"]: out for case, out in reference_outputs(bank, "perplexity-from-logprobs")}
    assert outs["sample-1"] == pytest.approx(2.0 ** (4.0 / 3.0), rel=1e-12)
    assert outs["sample-2"] == pytest.approx((0.1 * 0.2 * 0.4 * 0.8) ** -0.25, rel=1e-12)
    assert outs["perfect-model"] == 1.0


# --- bigram add-k: an independent count-dictionary implementation ---------------------------------


def bigram_add_k_by_dicts(sentences, vocab, k):
    counts = defaultdict(Counter)
    for sentence in sentences:
        tokens = ["<s>", *sentence, "</s>"]
        for i in range(1, len(tokens)):
            counts[tokens[i - 1]][tokens[i]] += 1
    nexts = [*vocab, "</s>"]
    return np.array(
        [[(counts[h][w] + k) / (sum(counts[h].values()) + k * len(nexts)) for w in nexts] for h in ["<s>", *vocab]]
    )


def test_bigram_add_k_matches_independent_counts(bank):
    for case, out in reference_outputs(bank, "bigram-add-k"):
        args = case["args"]
        assert out.dtype == np.float64
        assert out.shape == (len(args["vocab"]) + 1, len(args["vocab"]) + 1)
        assert_close(out, bigram_add_k_by_dicts(**args))
        np.testing.assert_allclose(out.sum(axis=1), 1.0, rtol=0, atol=1e-12)


def test_bigram_add_k_sample_by_hand(bank):
    outs = {case["name"]: out for case, out in reference_outputs(bank, "bigram-add-k")}
    expected = np.array([[2 / 5, 2 / 5, 1 / 5], [1 / 4, 2 / 4, 1 / 4], [1 / 5, 1 / 5, 3 / 5]])
    np.testing.assert_allclose(outs["sample-1"], expected, rtol=1e-15)


# --- Kneser-Ney: set-based implementation and normalisation ---------------------------------------


def kneser_ney_by_sets(sentences, d):
    """Return P(w | h) as a function, built from explicit sets of bigram types."""
    occurrences = []
    for sentence in sentences:
        tokens = ["<s>", *sentence, "</s>"]
        occurrences += list(zip(tokens, tokens[1:], strict=False))
    types = set(occurrences)

    def prob(h, w):
        p_cont = len({a for a, b in types if b == w}) / len(types)
        c_h = sum(1 for a, _ in occurrences if a == h)
        if c_h == 0:
            return p_cont
        c_hw = occurrences.count((h, w))
        followers = len({b for a, b in types if a == h})
        return max(c_hw - d, 0) / c_h + d * followers / c_h * p_cont

    return prob, types


def test_kneser_ney_matches_set_implementation(bank):
    for case, out in reference_outputs(bank, "interpolated-kneser-ney"):
        args = case["args"]
        prob, _ = kneser_ney_by_sets(args["sentences"], args["d"])
        assert out.dtype == np.float64 and out.shape == (len(args["queries"]),)
        assert_close(out, [prob(h, w) for h, w in args["queries"]])


def test_kneser_ney_distributions_sum_to_one(bank):
    reference = bank.module("interpolated-kneser-ney", "reference.py")
    for case in bank.cases("interpolated-kneser-ney"):
        args = case["args"]
        _, types = kneser_ney_by_sets(args["sentences"], args["d"])
        continuations = sorted({w for _, w in types})
        for h in sorted({a for a, _ in types}) + ["never-seen-context"]:
            row = reference.kneser_ney_bigram(args["sentences"], args["d"], [[h, w] for w in continuations])
            assert row.sum() == pytest.approx(1.0, abs=1e-12), (case["name"], h)


def test_kneser_ney_sample_by_hand(bank):
    outs = {case["name"]: out for case, out in reference_outputs(bank, "interpolated-kneser-ney")}
    np.testing.assert_allclose(outs["sample-1"], [0.6875, 0.0625, 1 / 3], rtol=1e-15)


# --- BPE: Sennrich-style string implementation ----------------------------------------------------


def bpe_by_regex(word_counts, num_merges):
    """Words as space-separated symbol strings; merge with a boundary-guarded regex (Sennrich et al. 2016)."""
    vocab = {" ".join([*word, "</w>"]): count for word, count in word_counts.items()}
    merges = []
    for _ in range(num_merges):
        stats = Counter()
        for word, count in vocab.items():
            symbols = word.split()
            for i in range(len(symbols) - 1):
                stats[symbols[i], symbols[i + 1]] += count
        if not stats:
            break
        best_count = max(stats.values())
        best = sorted(pair for pair, n in stats.items() if n == best_count)[0]
        pattern = re.compile(r"(?<!\S)" + re.escape(" ".join(best)) + r"(?!\S)")
        vocab = {pattern.sub("".join(best), word): count for word, count in vocab.items()}
        merges.append(list(best))
    return merges


def test_bpe_matches_regex_implementation(bank):
    for case, out in reference_outputs(bank, "bpe-merges"):
        expected = bpe_by_regex(**case["args"])
        assert out == expected, case["name"]
        assert all(isinstance(m, list) and len(m) == 2 and all(isinstance(s, str) for s in m) for m in out)


def test_bpe_sample_by_hand(bank):
    outs = {case["name"]: out for case, out in reference_outputs(bank, "bpe-merges")}
    assert outs["sample-1"] == [["e", "s"], ["es", "t"], ["est", "</w>"], ["l", "o"]]
    assert outs["sample-2"] == [["a", "a"], ["a", "b"], ["ab", "</w>"]]
    assert outs["zero-merges"] == []
    assert outs["runs-out-of-pairs"] == [["b", "</w>"], ["a", "b</w>"]]


# --- every problem: deterministic generator, sane cases, wrong/ rejected, accept/ accepted ----------


def same_value(a, b) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (
            isinstance(a, np.ndarray)
            and isinstance(b, np.ndarray)
            and a.dtype == b.dtype
            and a.shape == b.shape
            and np.array_equal(a, b, equal_nan=True)
        )
    if isinstance(a, dict):
        return isinstance(b, dict) and list(a) == list(b) and all(same_value(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(map(same_value, a, b))
    return type(a) is type(b) and a == b


@pytest.mark.parametrize("slug", SLUGS)
def test_generator_is_deterministic_and_well_formed(bank, slug):
    first, second = bank.cases(slug), bank.cases(slug)
    assert same_value(first, second)
    assert not same_value(first, bank.cases(slug, seed=12345))
    names = [case["name"] for case in first]
    assert len(names) == len(set(names))
    visible = [case for case in first if not case["hidden"]]
    assert 2 <= len(visible) <= 3
    assert 6 <= len(first) - len(visible) <= 12
