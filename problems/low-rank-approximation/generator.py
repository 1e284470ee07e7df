import numpy as np


def _orthonormal_columns(rng, rows, cols):
    q, _ = np.linalg.qr(rng.standard_normal((rows, cols)))
    return q


def _with_singular_values(rng, m, n, s):
    """A random (m, n) matrix whose singular values are exactly `s` (plus zeros)."""
    r = len(s)
    return (_orthonormal_columns(rng, m, r) * np.asarray(s, dtype=np.float64)) @ _orthonormal_columns(rng, n, r).T


def _generic(rng, m, n, k, scale=1.0):
    """A Gaussian matrix whose (k+1)-th singular value is far from 0, so a rank-(k+1) answer is caught."""
    while True:
        A = scale * rng.standard_normal((m, n))
        s = np.linalg.svd(A, compute_uv=False)
        if k >= len(s) or s[k] >= 1e-2 * np.linalg.norm(A):
            return A


def _thin_product(rng, m, n, rank):
    """A rank-deficient matrix built as the product of two thin factors."""
    return rng.standard_normal((m, rank)) @ rng.standard_normal((rank, n))


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        # Tall, k = 1: the article's snippet fails here (U is 3x3 with full_matrices=True).
        {"name": "sample-1", "hidden": False,
         "args": {"A": np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), "k": 1}},
        # Wide, singular values 5 and 3: the answer is 5 * u1 v1^T = [[2.5, 2.5, 0], [2.5, 2.5, 0]].
        {"name": "sample-2", "hidden": False,
         "args": {"A": np.array([[3.0, 2.0, 2.0], [2.0, 3.0, -2.0]]), "k": 1}},
    ]
    hidden = [
        ("tall-8x5-k2", _generic(rng, 8, 5, 2), 2),
        ("wide-5x9-k3", _generic(rng, 5, 9, 3), 3),
        ("square-6x6-k3", _generic(rng, 6, 6, 3), 3),
        ("full-rank-k-equals-min-6x4", _generic(rng, 6, 4, 4), 4),
        ("single-row-1x7", _generic(rng, 1, 7, 1), 1),
        ("single-column-6x1", _generic(rng, 6, 1, 1), 1),
        ("large-scale-4x6-k2", _generic(rng, 4, 6, 2, scale=1e4), 2),
        ("thin-product-rank3-k1", _thin_product(rng, 7, 6, 3), 1),
        ("thin-product-rank2-k2", _thin_product(rng, 6, 8, 2), 2),
        ("thin-product-rank2-k4", _thin_product(rng, 5, 5, 2), 4),
        # Repeated singular value at the cut: s_k = s_{k+1}, so the optimum is not unique.
        ("tie-at-cut-7x5-k2", _with_singular_values(rng, 7, 5, [6.0, 4.0, 4.0, 2.0, 1.0]), 2),
        ("tie-at-cut-4x3-k1", _with_singular_values(rng, 4, 3, [3.0, 3.0, 1.0]), 1),
        # Large with a slowly decaying spectrum and min(m, n) - k far above 5: a randomized range finder
        # (k + 5 random probes, no power iterations) misses the optimum here by a few percent of ||A||_F.
        # Every smaller case has min(m, n) - k <= 5, where such a sketch spans the whole column space by accident.
        ("slow-decay-60x40-k3", _with_singular_values(rng, 60, 40, 1.0 / np.sqrt(np.arange(1, 41))), 3),
        ("slow-decay-40x60-k2", _with_singular_values(rng, 40, 60, 0.95 ** np.arange(40)), 2),
        ("slow-decay-50x50-k4", _with_singular_values(rng, 50, 50, 1.0 / np.arange(1, 51) ** 0.3), 4),
    ]
    for name, A, k in hidden:
        cases.append({"name": name, "hidden": True, "args": {"A": A, "k": k}})
    return cases
