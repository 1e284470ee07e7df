import numpy as np


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    # Normalises by sqrt(var) + eps instead of sqrt(var + eps).
    mu = x.mean(axis=1, keepdims=True)
    rstd = 1.0 / (np.sqrt(((x - mu) ** 2).mean(axis=1, keepdims=True)) + eps)
    x_hat = (x - mu) * rstd
    g = dy * gamma
    dx = rstd * (g - g.mean(axis=1, keepdims=True) - x_hat * (g * x_hat).mean(axis=1, keepdims=True))
    return dx, (dy * x_hat).sum(axis=0), dy.sum(axis=0)
