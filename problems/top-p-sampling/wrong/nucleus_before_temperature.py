import numpy as np


def sample_top_p(logits, temperature, top_p, seed):
    order = np.argsort(-logits, kind="stable")
    p1 = np.exp(logits[order] - logits[order].max())
    p1 /= p1.sum()
    # Chooses the nucleus on the T = 1 distribution, then applies temperature inside it.
    k = min(int(np.searchsorted(np.cumsum(p1), top_p)) + 1, len(p1)) if top_p < 1 else len(p1)
    z = logits[order[:k]] / temperature
    q = np.exp(z - z.max())
    q /= q.sum()
    u = np.random.default_rng(seed).random()
    i = min(int(np.searchsorted(np.cumsum(q), u, side="right")), k - 1)
    return int(order[i])
