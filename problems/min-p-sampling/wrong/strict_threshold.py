import numpy as np


def min_p_sample(probs, min_p, r) -> int:
    # Uses p > threshold: a token exactly at min_p * max(p) is dropped, and with min_p = 1 nothing is kept
    # (not even the maximum), so it falls back to the argmax, the first of tied maxima.
    keep = probs > min_p * probs.max()
    weights = np.where(keep, probs, 0.0)
    if weights.sum() == 0.0:
        return int(np.argmax(probs))
    cdf = np.cumsum(weights / weights.sum())
    above = np.flatnonzero(cdf > r)
    if above.size:
        return int(above[0])
    return int(np.flatnonzero(weights > 0)[-1])
