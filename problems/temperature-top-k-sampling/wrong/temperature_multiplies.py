import numpy as np


def sample_top_k(logits, temperature, top_k, seed):
    z = logits * temperature  # should divide
    order = np.argsort(-z, kind="stable")
    k = len(z) if top_k == 0 or top_k >= len(z) else top_k
    kept = order[:k]
    q = np.exp(z[kept] - z[kept].max())
    cdf = np.cumsum(q / q.sum())
    u = np.random.default_rng(seed).random()
    i = int(np.searchsorted(cdf, u, side="right"))
    return int(kept[min(i, k - 1)])
