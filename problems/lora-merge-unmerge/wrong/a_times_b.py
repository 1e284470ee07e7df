import numpy as np


def lora_merge(W, A, B, alpha, r, unmerge=False):
    # Multiplies the factors in the wrong order (A^T B^T = (B A)^T): transposed update, or a shape error.
    delta = (alpha / r) * (np.asarray(A).T @ np.asarray(B).T)
    return W - delta if unmerge else W + delta
