import numpy as np


def min_p_sample(probs, min_p, r) -> int:
    # Zeroes the dropped tokens but samples from the unnormalised remainder: the cumulative sum tops out
    # below 1, so large r always falls through to the last kept token.
    keep = probs >= min_p * probs.max()
    weights = np.where(keep, probs, 0.0)
    cdf = np.cumsum(weights)
    above = np.flatnonzero(cdf > r)
    if above.size:
        return int(above[0])
    return int(np.flatnonzero(weights > 0)[-1])
