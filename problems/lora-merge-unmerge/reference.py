import numpy as np


def lora_merge(W, A, B, alpha, r, unmerge=False):
    """Return W + (alpha/r) B @ A, or W - (alpha/r) B @ A when unmerge is True."""
    W = np.asarray(W, dtype=np.float64)
    delta = (alpha / r) * (np.asarray(B, dtype=np.float64) @ np.asarray(A, dtype=np.float64))
    return W - delta if unmerge else W + delta
