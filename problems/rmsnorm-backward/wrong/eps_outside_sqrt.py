# Adds eps to the rms instead of to the mean square: 1 / (sqrt(mean(x^2)) + eps), wrong when x is small.
import numpy as np


def rms_norm_backward(dy, x, g, eps=1e-6):
    rms = np.sqrt(np.mean(x * x, axis=-1, keepdims=True))
    r = 1.0 / (rms + eps)
    x_hat = x * r
    dx_hat = dy * g
    # derivative of x / (rms + eps): r * dx_hat - x * r^2 * mean(dx_hat * x) / rms
    dx = r * dx_hat - x * r * r * np.mean(dx_hat * x, axis=-1, keepdims=True) / rms
    return dx, np.sum(dy * x_hat, axis=0)
