import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    # np.var (ddof=0 by default) and a multiply by the reciprocal standard deviation.
    inv_std = 1.0 / np.sqrt(np.var(x, axis=-1, keepdims=True) + eps)
    return (x - np.mean(x, axis=-1, keepdims=True)) * inv_std * gamma + beta
