import numpy as np


def _case(name, hidden, query, documents, k):
    return {"name": name, "hidden": hidden,
            "args": {"query": np.asarray(query, dtype=np.float64),
                     "documents": np.asarray(documents, dtype=np.float64), "k": int(k)}}


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        _case("sample-1", False, [1.0, 0.0, 1.0],
              [[1.0, 0.0, 0.0], [2.0, 0.0, 2.0], [0.0, 1.0, 0.0], [1.0, 0.0, 1.0], [-1.0, 0.0, -1.0]], 3),
        _case("sample-zero-document", False, [3.0, 4.0], [[0.0, 0.0], [-3.0, -4.0], [4.0, 3.0], [0.0, 1.0]], 4),
    ]
    # Realistic embeddings: many documents, a handful returned.
    cases.append(_case("embeddings-200x16", True, rng.normal(size=16), rng.normal(size=(200, 16)), 10))
    cases.append(_case("embeddings-k-equals-n", True, rng.normal(size=8), rng.normal(size=(30, 8)), 30))
    cases.append(_case("k-is-one", True, rng.normal(size=5), rng.normal(size=(40, 5)), 1))
    # Exact ties: integer entries make every dot product and squared norm exact, and duplicates or
    # power-of-two multiples of a row have bit-identical cosines in any evaluation order.
    base = rng.integers(-3, 4, size=(6, 4)).astype(np.float64)
    base[np.all(base == 0, axis=1)] = 1.0
    tied = np.concatenate([base, 2.0 * base[::-1], base[2:4], 0.5 * base[:3]])
    perm = rng.permutation(len(tied))
    cases.append(_case("duplicates-and-scaled-copies", True, rng.integers(-3, 4, size=4).astype(np.float64) + 0.0,
                       tied[perm], 12))
    # d = 1: every cosine is exactly +1, -1 or 0, so almost everything is a tie.
    one_d = rng.choice([-2.0, -1.0, 0.0, 1.0, 4.0], size=(15, 1))
    cases.append(_case("one-dimension-all-ties", True, [-0.5], one_d, 15))
    # Zero-norm documents score 0 and tie with orthogonal ones; below them, negative scores.
    cases.append(_case("zero-docs-rank-above-negatives", True, [1.0, 1.0, 0.0],
                       [[-1.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 5.0], [-2.0, -1.0, 1.0], [0.0, 0.0, 0.0],
                        [0.0, 0.0, -2.0], [0.0, -3.0, 0.0], [2.0, 1.0, 0.0]], 8))
    cases.append(_case("all-documents-zero", True, [0.3, -1.2], np.zeros((5, 2)), 3))
    # Norms vary over six orders of magnitude: ranking by raw dot product would put the big ones first.
    scales = 10.0 ** rng.uniform(-3, 3, size=(50, 1))
    cases.append(_case("document-norms-vary", True, rng.normal(size=6), scales * rng.normal(size=(50, 6)), 7))
    cases.append(_case("query-scaled-up", True, 1e3 * rng.normal(size=12), rng.normal(size=(64, 12)), 5))
    cases.append(_case("single-document", True, [1.0, 2.0, 3.0], [[-1.0, 0.25, 0.5]], 1))
    return cases
