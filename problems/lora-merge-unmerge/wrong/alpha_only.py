import numpy as np


def lora_merge(W, A, B, alpha, r, unmerge=False):
    # Scales by alpha instead of alpha / r.
    delta = alpha * (np.asarray(B) @ np.asarray(A))
    return W - delta if unmerge else W + delta
