import numpy as np


def sample_top_k(logits, temperature, top_k, seed):
    z = logits / temperature
    p = np.exp(z - z.max())
    p /= p.sum()  # softmax over the FULL vocabulary
    order = np.argsort(-z, kind="stable")
    k = len(z) if top_k == 0 or top_k >= len(z) else top_k
    kept = order[:k]
    cdf = np.cumsum(p[kept])  # kept mass < 1: not renormalised
    u = np.random.default_rng(seed).random()
    i = int(np.searchsorted(cdf, u, side="right"))
    return int(kept[min(i, k - 1)])
