import numpy as np


def absmax_quantize(x):
    """Symmetric per-tensor int8 quantization: returns (q, scale, dequantized, max_abs_error)."""
    x = np.asarray(x, dtype=np.float64)
    absmax = float(np.max(np.abs(x)))
    if absmax == 0.0:
        q = np.zeros(x.shape, dtype=np.int8)
        return q, 0.0, np.zeros(x.shape), 0.0
    scale = absmax / 127.0
    q = np.clip(np.round(x / scale), -127, 127).astype(np.int8)  # np.round: half to even
    dequantized = q.astype(np.float64) * scale
    return q, scale, dequantized, float(np.max(np.abs(x - dequantized)))
