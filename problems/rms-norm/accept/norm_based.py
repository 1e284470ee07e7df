import numpy as np


def rms_norm(x, weight, eps=1e-6):
    # RMS(x) = ||x||_2 / sqrt(D); written with np.linalg.norm instead of a mean of squares.
    d = x.shape[-1]
    rms_sq = np.linalg.norm(x, axis=-1, keepdims=True) ** 2 / d
    return weight * x * (1.0 / np.sqrt(rms_sq + eps))
