import numpy as np


def sample_top_p(logits, temperature, top_p, seed):
    z = logits / temperature
    order = np.argsort(-z, kind="stable")
    p = np.exp(z[order] - z[order].max())
    p /= p.sum()
    c = np.cumsum(p)
    # Keeps only tokens whose cumulative sum stays below top_p: drops the token that crosses it.
    k = max(1, int(np.sum(c < top_p))) if top_p < 1 else len(p)
    q = p[:k] / p[:k].sum()
    u = np.random.default_rng(seed).random()
    i = min(int(np.searchsorted(np.cumsum(q), u, side="right")), k - 1)
    return int(order[i])
