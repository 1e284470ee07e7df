import numpy as np


def absmax_quantize(x):
    # Casts to int8 directly: truncation toward zero instead of rounding.
    x = np.asarray(x, dtype=np.float64)
    absmax = float(np.max(np.abs(x)))
    if absmax == 0.0:
        return np.zeros(x.shape, dtype=np.int8), 0.0, np.zeros(x.shape), 0.0
    scale = absmax / 127.0
    q = (x / scale).astype(np.int8)
    deq = q * scale
    return q, scale, deq, float(np.max(np.abs(x - deq)))
