# Drops the 1/D from d(mean)/dx: sums dy * g * x_hat in the correction term.
import numpy as np


def rms_norm_backward(dy, x, g, eps=1e-6):
    r = 1.0 / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps)
    x_hat = x * r
    dx_hat = dy * g
    dx = r * (dx_hat - x_hat * np.sum(dx_hat * x_hat, axis=-1, keepdims=True))
    return dx, np.sum(dy * x_hat, axis=0)
