import numpy as np


def absmax_quantize(x):
    # Takes max(x) instead of max(|x|): breaks when the largest magnitude is negative.
    x = np.asarray(x, dtype=np.float64)
    peak = float(np.max(x))
    if peak == 0.0:
        return np.zeros(x.shape, dtype=np.int8), 0.0, np.zeros(x.shape), 0.0
    scale = peak / 127.0
    q = np.clip(np.round(x / scale), -127, 127).astype(np.int8)
    deq = q * scale
    return q, scale, deq, float(np.max(np.abs(x - deq)))
