import numpy as np


def sample_top_p(logits, temperature, top_p, seed):
    z = logits / temperature
    order = np.argsort(-z, kind="stable")
    p = np.exp(z[order])  # overflows for large logits
    p /= p.sum()
    c = np.cumsum(p)
    k = min(int(np.searchsorted(c, top_p)) + 1, len(p)) if top_p < 1 else len(p)
    q = p[:k] / p[:k].sum()
    u = np.random.default_rng(seed).random()
    i = min(int(np.searchsorted(np.cumsum(q), u, side="right")), k - 1)
    return int(order[i])
