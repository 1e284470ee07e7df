import numpy as np


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    # Forgets that mu depends on every x_j: drops the -mean(dy * gamma) term of dx.
    mu = x.mean(axis=1, keepdims=True)
    rstd = 1.0 / np.sqrt(((x - mu) ** 2).mean(axis=1, keepdims=True) + eps)
    x_hat = (x - mu) * rstd
    g = dy * gamma
    dx = rstd * (g - x_hat * (g * x_hat).mean(axis=1, keepdims=True))
    return dx, (dy * x_hat).sum(axis=0), dy.sum(axis=0)
