import numpy as np


def absmax_quantize(x):
    # Uses 128 (the int8 magnitude of -128) instead of 127 for the scale.
    x = np.asarray(x, dtype=np.float64)
    absmax = float(np.max(np.abs(x)))
    if absmax == 0.0:
        return np.zeros(x.shape, dtype=np.int8), 0.0, np.zeros(x.shape), 0.0
    scale = absmax / 128.0
    q = np.clip(np.round(x / scale), -127, 127).astype(np.int8)
    deq = q * scale
    return q, scale, deq, float(np.max(np.abs(x - deq)))
