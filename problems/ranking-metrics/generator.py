import numpy as np


def _query(rng, n_docs, n_retrieved, n_judged, max_grade=3):
    docs = [f"d{i}" for i in range(n_docs)]
    ranking = [str(d) for d in rng.permutation(docs)[:n_retrieved]]
    judged = {str(d): int(rng.integers(0, max_grade + 1)) for d in rng.permutation(docs)[:n_judged]}
    return ranking, judged


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        {"name": "sample-1", "hidden": False, "args": {
            "rankings": [["a", "b", "c", "d"]], "qrels": [{"b": 2, "d": 1, "e": 3}], "k": 3}},
        {"name": "sample-2", "hidden": False, "args": {
            "rankings": [["x", "y"], ["p", "q", "r"]], "qrels": [{"x": 1}, {"r": 2, "q": 0}], "k": 2}},
    ]
    hidden = {}
    for name, n_queries, k in [("random-5-queries", 5, 5), ("random-10-queries-k10", 10, 10), ("random-k1", 4, 1)]:
        pairs = [_query(rng, 30, 15, 7) for _ in range(n_queries)]
        hidden[name] = {"rankings": [p[0] for p in pairs], "qrels": [p[1] for p in pairs], "k": k}
    hidden.update({
        # A highly relevant document never retrieved: the ideal must still include it.
        "relevant-doc-not-retrieved": {"rankings": [["a", "b", "c"]], "qrels": [{"a": 1, "z": 3}], "k": 3},
        "first-relevant-below-k": {"rankings": [["a", "b", "c", "d", "e"]], "qrels": [{"e": 2, "f": 1}], "k": 2},
        "explicit-zero-judgements": {"rankings": [["a", "b", "c", "d"]], "qrels": [{"a": 0, "b": 0, "c": 1}], "k": 4},
        "no-relevant-docs": {"rankings": [["a", "b"], ["a", "b"]], "qrels": [{"a": 0}, {"b": 1}], "k": 2},
        "empty-qrels": {"rankings": [["a"]], "qrels": [{}], "k": 1},
        "empty-ranking": {"rankings": [[], ["a"]], "qrels": [{"a": 2}, {"a": 2}], "k": 3},
        "k-beyond-ranking-length": {"rankings": [["a", "b"]], "qrels": [{"b": 3, "c": 1, "d": 2}], "k": 10},
        "perfect-ranking": {"rankings": [["c", "a", "b", "x"]], "qrels": [{"a": 2, "b": 1, "c": 3}], "k": 4},
        "binary-grades": {"rankings": [["a", "b", "c", "d", "e", "f"]], "qrels": [{"b": 1, "e": 1, "g": 1}], "k": 5},
        "high-grades": {"rankings": [["a", "b", "c"]], "qrels": [{"a": 1, "b": 5, "c": 4, "d": 2}], "k": 3},
    })
    for name, args in hidden.items():
        cases.append({"name": name, "hidden": True, "args": args})
    return cases
