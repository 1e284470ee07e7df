# The LLM.int8() form: q = round(x * (127 / max|x|)). It gives the same codes as x / scale on every test.
import numpy as np


def absmax_quantize(x):
    absmax = float(np.max(np.abs(x)))
    if absmax == 0.0:
        return np.zeros(x.shape, dtype=np.int8), 0.0, np.zeros(x.shape), 0.0
    scale = absmax / 127.0
    q = np.clip(np.round(x * (127.0 / absmax)), -127, 127).astype(np.int8)
    dequantized = q.astype(np.float64) * scale
    return q, scale, dequantized, float(np.max(np.abs(x - dequantized)))
