# GPT-J / original RoFormer pairing (2i, 2i+1) instead of rotate-half (i, i + d/2); the scaling is right.
import numpy as np


def rope_scaled(x, positions, base=10000.0, scaling="none", factor=1.0):
    d = x.shape[-1]
    pos = positions.astype(np.float64)
    if scaling == "linear":
        pos = pos / factor
    elif scaling == "ntk":
        base = base * factor ** (d / (d - 2))
    angles = pos[:, None] * base ** (-np.arange(0, d, 2) / d)
    cos, sin = np.cos(angles), np.sin(angles)
    out = np.empty_like(x)
    out[:, 0::2] = x[:, 0::2] * cos - x[:, 1::2] * sin
    out[:, 1::2] = x[:, 1::2] * cos + x[:, 0::2] * sin
    return out
