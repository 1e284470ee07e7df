import numpy as np


def sample_top_k(logits: np.ndarray, temperature: float, top_k: int, seed: int) -> int:
    """Return the token id sampled with temperature and top-k, using the statement's exact RNG procedure."""
    z = np.asarray(logits, dtype=np.float64) / temperature
    order = np.argsort(-z, kind="stable")
    k = len(z) if top_k == 0 or top_k >= len(z) else top_k
    kept = order[:k]
    shifted = z[kept] - z[kept[0]]  # z[kept[0]] is the maximum: exp never overflows
    q = np.exp(shifted)
    cdf = np.cumsum(q / q.sum())
    u = np.random.default_rng(seed).random()
    i = int(np.searchsorted(cdf, u, side="right"))  # first i with u < cdf[i]
    return int(kept[min(i, k - 1)])
