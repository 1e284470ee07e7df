import numpy as np


def sample_top_k(logits, temperature, top_k, seed):
    z = logits / temperature
    order = np.argsort(-z, kind="stable")
    if 0 < top_k < len(z):
        kth = z[order[top_k - 1]]
        order = order[z[order] >= kth]  # keeps every token tied with the k-th: more than k tokens
    q = np.exp(z[order] - z[order[0]])
    cdf = np.cumsum(q / q.sum())
    u = np.random.default_rng(seed).random()
    i = int(np.searchsorted(cdf, u, side="right"))
    return int(order[min(i, len(order) - 1)])
