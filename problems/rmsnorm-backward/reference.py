import numpy as np


def rms_norm_backward(dy: np.ndarray, x: np.ndarray, g: np.ndarray, eps: float = 1e-6):
    """Gradients of y = x / sqrt(mean(x^2, -1) + eps) * g. Returns (dx, dg)."""
    dy = np.asarray(dy, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    g = np.asarray(g, dtype=np.float64)
    rstd = 1.0 / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps)     # r = 1 / rms
    x_hat = x * rstd
    dg = np.sum(dy * x_hat, axis=0)
    dx_hat = dy * g
    # dr/dx_k = -r^3 x_k / D, so dx = r * (dx_hat - x_hat * mean(dx_hat * x_hat)).
    dx = rstd * (dx_hat - x_hat * np.mean(dx_hat * x_hat, axis=-1, keepdims=True))
    return dx, dg
