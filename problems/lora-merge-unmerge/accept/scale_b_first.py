import numpy as np


def lora_merge(W, A, B, alpha, r, unmerge=False):
    # Scale the (d_out, r) factor first (cheaper than scaling the d_out x d_in product), sum via einsum.
    sign = -1.0 if unmerge else 1.0
    scaled_B = (sign * alpha / r) * np.asarray(B, dtype=np.float64)
    return np.asarray(W, dtype=np.float64) + np.einsum("or,ri->oi", scaled_B, np.asarray(A, dtype=np.float64))
