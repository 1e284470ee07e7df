import numpy as np


def sample_top_p(logits: np.ndarray, temperature: float, top_p: float, seed: int) -> int:
    """Return the token id sampled with temperature and nucleus (top-p) filtering, per the statement."""
    z = np.asarray(logits, dtype=np.float64) / temperature
    order = np.argsort(-z, kind="stable")
    p = np.exp(z[order] - z[order[0]])  # sorted probabilities, max-shifted so exp cannot overflow
    p /= p.sum()
    if top_p >= 1.0:
        k = len(p)
    else:
        # smallest k with C_k >= top_p; if rounding never reaches it, keep everything
        k = min(int(np.searchsorted(np.cumsum(p), top_p, side="left")) + 1, len(p))
    q = p[:k] / p[:k].sum()
    cdf = np.cumsum(q)
    u = np.random.default_rng(seed).random()
    i = min(int(np.searchsorted(cdf, u, side="right")), k - 1)
    return int(order[i])
