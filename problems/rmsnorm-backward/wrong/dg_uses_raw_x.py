# Gain gradient from the raw input instead of the normalised one: dg = sum(dy * x).
import numpy as np


def rms_norm_backward(dy, x, g, eps=1e-6):
    r = 1.0 / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps)
    x_hat = x * r
    dx_hat = dy * g
    dx = r * (dx_hat - x_hat * np.mean(dx_hat * x_hat, axis=-1, keepdims=True))
    return dx, np.sum(dy * x, axis=0)
