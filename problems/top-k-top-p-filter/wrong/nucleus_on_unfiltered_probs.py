import numpy as np


def top_k_top_p_filter(logits, top_k, top_p):
    # Computes the nucleus from the softmax of the ORIGINAL logits, not of the top-k survivors: the removed
    # tokens still count toward the cumulative mass, so the nucleus comes out too large.
    logits = np.asarray(logits, dtype=np.float64)
    scores = logits.copy()
    V = scores.shape[-1]
    if top_k > 0:
        k = min(top_k, V)
        kth = np.sort(scores, axis=-1)[:, V - k][:, None]
        scores[scores < kth] = -np.inf
    if top_p < 1.0:
        order = np.argsort(logits, axis=-1, kind="stable")
        sorted_logits = np.take_along_axis(logits, order, axis=-1)
        e = np.exp(sorted_logits - sorted_logits[:, -1:])
        remove_sorted = np.cumsum(e / e.sum(-1, keepdims=True), axis=-1) <= 1.0 - top_p
        remove_sorted[:, -1] = False
        remove = np.zeros_like(remove_sorted)
        np.put_along_axis(remove, order, remove_sorted, axis=-1)
        scores[remove] = -np.inf
    return scores
