import numpy as np


def top_k_top_p_filter(logits, top_k, top_p):
    """Hugging Face TopKLogitsWarper then TopPLogitsWarper (min_tokens_to_keep = 1): removed tokens become -inf."""
    scores = np.array(logits, dtype=np.float64)
    V = scores.shape[-1]
    if top_k > 0:
        k = min(max(top_k, 1), V)
        kth = np.sort(scores, axis=-1)[:, V - k][:, None]  # k-th largest value per row
        scores[scores < kth] = -np.inf  # ties with the k-th value survive
    if top_p < 1.0:
        order = np.argsort(scores, axis=-1, kind="stable")  # ascending, ties by lower index first
        sorted_scores = np.take_along_axis(scores, order, axis=-1)
        shifted = np.exp(sorted_scores - sorted_scores[:, -1:])
        cumulative = np.cumsum(shifted / shifted.sum(axis=-1, keepdims=True), axis=-1)
        remove_sorted = cumulative <= 1.0 - top_p
        remove_sorted[:, -1] = False  # min_tokens_to_keep = 1
        remove = np.zeros_like(remove_sorted)
        np.put_along_axis(remove, order, remove_sorted, axis=-1)
        scores[remove] = -np.inf
    return scores
