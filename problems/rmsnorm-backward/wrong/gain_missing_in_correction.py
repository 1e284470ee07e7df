# Multiplies by g in the direct term but uses dy instead of dy * g inside the mean of the correction term.
import numpy as np


def rms_norm_backward(dy, x, g, eps=1e-6):
    r = 1.0 / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps)
    x_hat = x * r
    dx = r * (dy * g - x_hat * np.mean(dy * x_hat, axis=-1, keepdims=True))
    return dx, np.sum(dy * x_hat, axis=0)
