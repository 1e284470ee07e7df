import numpy as np


def top_k_top_p_filter(logits, top_k, top_p):
    # Keeps exactly k tokens by argsort, dropping tokens tied with the k-th largest value;
    # Hugging Face compares against the k-th value, so every tie survives.
    scores = np.array(logits, dtype=np.float64)
    B, V = scores.shape
    if 0 < top_k < V:
        keep = np.argsort(-scores, axis=-1, kind="stable")[:, :top_k]
        mask = np.ones_like(scores, dtype=bool)
        np.put_along_axis(mask, keep, False, axis=-1)
        scores[mask] = -np.inf
    if top_p < 1.0:
        order = np.argsort(scores, axis=-1, kind="stable")
        s = np.take_along_axis(scores, order, axis=-1)
        e = np.exp(s - s[:, -1:])
        remove_sorted = np.cumsum(e / e.sum(-1, keepdims=True), axis=-1) <= 1.0 - top_p
        remove_sorted[:, -1] = False
        remove = np.zeros_like(remove_sorted)
        np.put_along_axis(remove, order, remove_sorted, axis=-1)
        scores[remove] = -np.inf
    return scores
