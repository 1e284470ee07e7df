import numpy as np


def min_p_sample(probs, min_p, r) -> int:
    """Keep tokens with p >= min_p * max(p), renormalise, and sample one with the uniform r."""
    keep = probs >= min_p * probs.max()          # inclusive: a token exactly at the threshold stays
    weights = np.where(keep, probs, 0.0)
    cdf = np.cumsum(weights / weights.sum())     # vocabulary order, not sorted by probability
    above = np.flatnonzero(cdf > r)
    if above.size:
        return int(above[0])
    return int(np.flatnonzero(weights > 0)[-1])  # rounding left cdf[-1] <= r: the last kept token
