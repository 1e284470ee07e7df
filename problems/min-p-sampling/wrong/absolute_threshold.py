import numpy as np


def min_p_sample(probs, min_p, r) -> int:
    # Forgets to scale by the top probability: keeps p >= min_p (an epsilon cut-off, not min-p).
    # If that keeps nothing, falls back to the argmax.
    keep = probs >= min_p
    if not keep.any():
        return int(np.argmax(probs))
    weights = np.where(keep, probs, 0.0)
    cdf = np.cumsum(weights / weights.sum())
    above = np.flatnonzero(cdf > r)
    if above.size:
        return int(above[0])
    return int(np.flatnonzero(weights > 0)[-1])
