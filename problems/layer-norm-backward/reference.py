import numpy as np


def layer_norm_backward(
    dy: np.ndarray, x: np.ndarray, gamma: np.ndarray, eps: float = 1e-5
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients (dx, dgamma, dbeta) of LayerNorm over the last axis of x (N, D), given dy = dL/dy."""
    mu = np.mean(x, axis=1, keepdims=True)
    xc = x - mu  # two-pass: exact cancellation of the mean, even for rows sitting far from 0
    var = np.mean(xc * xc, axis=1, keepdims=True)  # biased (population) variance
    rstd = 1.0 / np.sqrt(var + eps)
    x_hat = xc * rstd
    dbeta = np.sum(dy, axis=0)
    dgamma = np.sum(dy * x_hat, axis=0)
    g = dy * gamma  # dL/dx_hat
    # dx = rstd * (g - mean(g) - x_hat * mean(g * x_hat)), all means over the row.
    dx = rstd * (g - np.mean(g, axis=1, keepdims=True) - x_hat * np.mean(g * x_hat, axis=1, keepdims=True))
    return dx, dgamma, dbeta
