"""Cross-check the retrieval problems (BM25, RRF, ranking metrics, ROUGE-L, ECE) against independent implementations."""

import copy
import functools
import itertools
import math
import tomllib
from fractions import Fraction

import numpy as np
import pytest

from tests.bank.conftest import PROBLEMS, load_cases, load_module

SLUGS = {
    "bm25-scores": "bm25_scores",
    "reciprocal-rank-fusion": "reciprocal_rank_fusion",
    "ranking-metrics": "ranking_metrics",
    "rouge-l": "rouge_l",
    "expected-calibration-error": "expected_calibration_error",
}


def reference(slug: str):
    return getattr(load_module(slug, "reference.py"), SLUGS[slug])


def checker(slug: str) -> dict:
    return tomllib.loads((PROBLEMS / slug / "problem.toml").read_text())["checker"]


def miss(got, expected, rtol: float, atol: float) -> float:
    """How many times the allowed tolerance `got` misses by (inf for a different structure, shape or a NaN)."""
    if isinstance(expected, dict):
        if not isinstance(got, dict) or got.keys() != expected.keys():
            return math.inf
        return max(miss(got[key], expected[key], rtol, atol) for key in expected)
    if isinstance(expected, tuple | list) and any(isinstance(e, str | int) for e in expected):
        return 0.0 if list(got) == list(expected) else math.inf
    g, e = np.asarray(got, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    if g.shape != e.shape or np.any(np.isnan(g) != np.isnan(e)):
        return math.inf
    if rtol == 0 and atol == 0:
        return 0.0 if np.array_equal(g, e) else math.inf
    return float(np.max(np.abs(g - e) / (atol + rtol * np.abs(e)), initial=0.0))


def copy_args(args: dict) -> dict:
    """A deep copy, so that a reference that modified its inputs could not hide it from the next call."""
    return copy.deepcopy(args)


@pytest.mark.parametrize("slug", SLUGS)
def test_generator_is_deterministic_and_well_formed(slug):
    cases = load_cases(slug)
    again = load_cases(slug)
    assert repr([c["args"] for c in cases]) == repr([c["args"] for c in again])
    names = [c["name"] for c in cases]
    assert len(set(names)) == len(names) and len(cases) >= 10
    assert [c["hidden"] for c in cases[:2]] == [False, False] and all(c["hidden"] for c in cases[2:])


# --- bm25-scores: term by term from the textbook formula, one document at a time ------------------------------


def bm25_one_document(doc: list[str], documents: list[list[str]], query: list[str], k1: float, b: float) -> float:
    n = len(documents)
    avgdl = sum(len(d) for d in documents) / n
    total = 0.0
    for term in query:
        tf = doc.count(term)
        if tf == 0:
            continue
        df = sum(term in d for d in documents)
        idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
        total += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len(doc) / avgdl))
    return total


def test_bm25_matches_a_per_document_textbook_formula():
    bm25 = reference("bm25-scores")
    for case in load_cases("bm25-scores"):
        args = case["args"]
        k1, b = args.get("k1", 1.5), args.get("b", 0.75)
        got = bm25(**copy_args(args))
        want = [bm25_one_document(d, args["documents"], args["query"], k1, b) for d in args["documents"]]
        assert isinstance(got, np.ndarray) and got.dtype == np.float64 and got.shape == (len(want),), case["name"]
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15, err_msg=case["name"])


def test_bm25_properties_idf_positive_saturation_and_length_penalty():
    bm25 = reference("bm25-scores")
    # A term in every document still scores positive with Lucene's idf.
    assert np.all(bm25([["a", "b"], ["a"], ["a", "c"]], ["a"]) > 0)
    # Term frequency saturates: one term's score never reaches idf * (k1 + 1).
    scores = bm25([["x"] * 1000, ["y"]], ["x"], k1=1.2, b=0.0)
    assert scores[0] < math.log(1 + 1.5 / 1.5) * 2.2
    # With b = 1, the longer of two documents with the same tf scores lower; with b = 0 they tie.
    docs = [["x", "y"], ["x", "y", "z", "w", "v", "u"], ["q"]]
    assert bm25(docs, ["x"], b=1.0)[0] > bm25(docs, ["x"], b=1.0)[1]
    assert bm25(docs, ["x"], b=0.0)[0] == bm25(docs, ["x"], b=0.0)[1]


# --- reciprocal-rank-fusion: pairwise comparisons on exact integer cross-products --------------------------------


def rrf_by_pairwise_comparison(rankings: list[list[int]], k: int) -> list[int]:
    def score(doc: int) -> tuple[int, int]:  # numerator and denominator of the exact sum
        num, den = 0, 1
        for ranking in rankings:
            if doc in ranking:
                r = k + ranking.index(doc) + 1
                num, den = num * r + den, den * r
        return num, den

    def compare(a: int, b: int) -> int:
        (na, da), (nb, db) = score(a), score(b)
        if na * db != nb * da:
            return -1 if na * db > nb * da else 1
        return -1 if a < b else (1 if a > b else 0)

    docs = {doc for ranking in rankings for doc in ranking}
    return sorted(docs, key=functools.cmp_to_key(compare))


def test_rrf_matches_pairwise_exact_comparison():
    fuse = reference("reciprocal-rank-fusion")
    for case in load_cases("reciprocal-rank-fusion"):
        args = case["args"]
        got = fuse(**copy_args(args))
        assert type(got) is list and all(type(d) is int for d in got), case["name"]
        assert got == rrf_by_pairwise_comparison(args["rankings"], args.get("k", 60)), case["name"]


def test_rrf_cases_hold_a_tie_that_float_rounding_splits():
    (case,) = [c for c in load_cases("reciprocal-rank-fusion") if c["name"] == "float-rounding-splits-a-tie"]
    lists = case["args"]["rankings"]
    float_score = {doc: 0.0 for doc in (3, 4)}
    for ranking in lists:
        for doc in (3, 4):
            float_score[doc] += 1.0 / (60 + ranking.index(doc) + 1)
    assert float_score[4] > float_score[3]
    assert reference("reciprocal-rank-fusion")(lists)[:2] == [3, 4]


# --- ranking-metrics: IDCG as the best DCG over every ordering of the judged documents (brute force) ----------


def dcg(grades: list[int]) -> float:
    return float(sum((2.0**g - 1.0) / math.log2(rank + 1) for rank, g in enumerate(grades, start=1)))


def metrics_brute_force(ranking: list[str], judged: dict[str, int], k: int) -> tuple[float, float, float]:
    relevant = [d for d, g in judged.items() if g > 0]
    if not relevant or not ranking:
        return 0.0, 0.0, 0.0
    recall = len(set(ranking[:k]) & set(relevant)) / len(relevant)
    ranks = [ranking.index(d) + 1 for d in relevant if d in ranking]
    rr = 1.0 / min(ranks) if ranks else 0.0
    depth = min(k, len(judged))
    ideal = max(dcg([judged[d] for d in order]) for order in itertools.permutations(judged, depth))
    return recall, rr, dcg([judged.get(d, 0) for d in ranking[:k]]) / ideal


def test_ranking_metrics_match_brute_force_ideal_dcg():
    metrics = reference("ranking-metrics")
    for case in load_cases("ranking-metrics"):
        args = case["args"]
        got = metrics(**copy_args(args))
        per_query = [metrics_brute_force(r, j, args["k"]) for r, j in zip(args["rankings"], args["qrels"], strict=True)]
        want = dict(zip(["recall@k", "mrr", "ndcg@k"], np.mean(per_query, axis=0).tolist(), strict=True))
        assert set(got) == set(want) and all(type(v) is float for v in got.values()), case["name"]
        for key in want:
            assert got[key] == pytest.approx(want[key], rel=1e-12, abs=1e-15), (case["name"], key)
        assert all(0.0 <= v <= 1.0 for v in got.values()), case["name"]


def test_ranking_metrics_reach_one_for_the_ideal_ranking_and_cases_cover_misses():
    metrics = reference("ranking-metrics")
    judged = {"a": 3, "b": 1, "c": 2, "d": 0}
    assert metrics([["a", "c", "b"]], [judged], 3) == {"recall@k": 1.0, "mrr": 1.0, "ndcg@k": 1.0}
    # Swapping two documents of different grades lowers nDCG but not recall.
    swapped = metrics([["c", "a", "b"]], [judged], 3)
    assert swapped["recall@k"] == 1.0 and swapped["ndcg@k"] < 1.0
    cases = {c["name"]: c["args"] for c in load_cases("ranking-metrics")}
    missed = cases["relevant-doc-not-retrieved"]
    assert any(d not in missed["rankings"][0] and g > 0 for d, g in missed["qrels"][0].items())


# --- rouge-l: top-down memoised LCS, and exhaustive subsequence search on short lists ------------------------


def lcs_top_down(a: list[str], b: list[str]) -> int:
    @functools.cache
    def best(i: int, j: int) -> int:
        if i == len(a) or j == len(b):
            return 0
        if a[i] == b[j]:
            return 1 + best(i + 1, j + 1)
        return max(best(i + 1, j), best(i, j + 1))

    return best(0, 0)


def lcs_exhaustive(a: list[str], b: list[str]) -> int:
    def is_subsequence(sub: tuple[str, ...], seq: list[str]) -> bool:
        it = iter(seq)
        return all(token in it for token in sub)

    for size in range(min(len(a), len(b)), 0, -1):
        if any(is_subsequence(sub, b) for sub in itertools.combinations(a, size)):
            return size
    return 0


def test_rouge_l_matches_an_independent_lcs():
    rouge = reference("rouge-l")
    for case in load_cases("rouge-l"):
        cand, ref = case["args"]["candidate"], case["args"]["reference"]
        lcs = lcs_top_down(cand, ref)
        if len(cand) <= 12:
            assert lcs == lcs_exhaustive(cand, ref), case["name"]
        want = (0.0, 0.0, 0.0) if lcs == 0 else (lcs / len(cand), lcs / len(ref), 2 * lcs / (len(cand) + len(ref)))
        got = rouge(**copy_args(case["args"]))
        assert len(got) == 3 and all(type(v) is float for v in got), case["name"]
        np.testing.assert_allclose(got, want, rtol=1e-14, atol=0, err_msg=case["name"])


# --- expected-calibration-error: exact rational bin edges and sums in plain Python ---------------------------


def ece_exact(confidences: np.ndarray, correct: np.ndarray, n_bins: int):
    bins: dict[int, list[tuple[Fraction, int]]] = {}
    for c, y in zip(confidences.tolist(), correct.tolist(), strict=True):
        exact = Fraction(c)
        # The smallest b with exact <= (b + 1) / M, i.e. b / M < exact <= (b + 1) / M; 0 goes to bin 0.
        b = max(0, math.ceil(exact * n_bins) - 1)
        bins.setdefault(b, []).append((exact, int(y)))
    n = len(confidences)
    total = sum(
        Fraction(len(items), n)
        * abs(Fraction(sum(y for _, y in items), len(items)) - sum(c for c, _ in items) / len(items))
        for items in bins.values()
    )
    return total, bins


def test_ece_matches_exact_rational_binning():
    ece = reference("expected-calibration-error")
    for case in load_cases("expected-calibration-error"):
        args = case["args"]
        n_bins = args.get("n_bins", 15)
        want, bins = ece_exact(args["confidences"], args["correct"], n_bins)
        got = ece(**copy_args(args))
        assert type(got) is float and got == pytest.approx(float(want), rel=1e-12, abs=1e-15), case["name"]
        # Exact edges b/M and the float edges np.arange(M + 1) / M put every test confidence in the same bin,
        # as the statement promises: no case depends on how an edge is rounded.
        edges = np.arange(n_bins + 1) / n_bins
        for b, items in bins.items():
            for c, _ in items:
                assert (edges[b] < c or (b == 0 and c == 0)) and c <= edges[b + 1], case["name"]
                assert c in (0, 1) or min(abs(float(c) - e) for e in edges) >= 1e-6 or (n_bins & (n_bins - 1)) == 0


def test_ece_is_zero_when_calibrated_and_cases_cover_zero_and_edges():
    ece = reference("expected-calibration-error")
    assert ece(np.array([0.75, 0.75, 0.75, 0.75]), np.array([True, True, True, False]), 4) == 0.0
    cases = load_cases("expected-calibration-error")
    assert any(np.any(c["args"]["confidences"] == 0.0) for c in cases)
    assert any(np.any(c["args"]["confidences"] == 1.0) for c in cases)
    on_edges = [c for c in cases if c["name"] == "values-on-edges-8-bins"][0]["args"]
    assert np.all((on_edges["confidences"] * 8) % 1 == 0)
