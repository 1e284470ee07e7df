import numpy as np


def top_k_top_p_filter(logits, top_k, top_p):
    # Keeps tokens while the inclusive cumulative mass is <= top_p, so the token that carries the mass
    # across top_p is dropped (the nucleus is then smaller than top_p).
    scores = np.array(logits, dtype=np.float64)
    V = scores.shape[-1]
    if top_k > 0:
        k = min(top_k, V)
        kth = np.sort(scores, axis=-1)[:, V - k][:, None]
        scores[scores < kth] = -np.inf
    if top_p < 1.0:
        order = np.argsort(-scores, axis=-1, kind="stable")
        s = np.take_along_axis(scores, order, axis=-1)
        e = np.exp(s - s[:, :1])
        remove_sorted = np.cumsum(e / e.sum(-1, keepdims=True), axis=-1) > top_p
        remove_sorted[:, 0] = False
        remove = np.zeros_like(remove_sorted)
        np.put_along_axis(remove, order, remove_sorted, axis=-1)
        scores[remove] = -np.inf
    return scores
