import numpy as np


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    # Step-by-step chain rule through the forward graph (mu -> xc -> var -> inv_std -> x_hat),
    # with a one-pass variance; no closed form for dx.
    n, d = x.shape
    mu = x.sum(axis=1, keepdims=True) / d
    var = (x * x).sum(axis=1, keepdims=True) / d - mu * mu
    var = np.maximum(var, 0.0)
    xc = x - mu
    std = np.sqrt(var + eps)
    inv_std = 1.0 / std
    x_hat = xc * inv_std

    dbeta = dy.sum(axis=0)
    dgamma = (dy * x_hat).sum(axis=0)
    dx_hat = dy * gamma
    dinv_std = (dx_hat * xc).sum(axis=1, keepdims=True)
    dxc = dx_hat * inv_std
    dstd = -dinv_std / (std * std)
    dvar = dstd / (2.0 * std)
    dxc = dxc + dvar * 2.0 * xc / d
    dmu = -dxc.sum(axis=1, keepdims=True)
    dx = dxc + dmu / d
    return dx, dgamma, dbeta
