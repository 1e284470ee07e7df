import numpy as np


def absmax_quantize(x):
    # Rounds halves away from zero (C's round()), not half to even like np.round / torch.round.
    x = np.asarray(x, dtype=np.float64)
    absmax = float(np.max(np.abs(x)))
    if absmax == 0.0:
        return np.zeros(x.shape, dtype=np.int8), 0.0, np.zeros(x.shape), 0.0
    scale = absmax / 127.0
    y = x / scale
    q = np.clip(np.sign(y) * np.floor(np.abs(y) + 0.5), -127, 127).astype(np.int8)
    deq = q * scale
    return q, scale, deq, float(np.max(np.abs(x - deq)))
