# Position interpolation backwards: positions * factor stretches the trained range instead of squeezing into it.
import numpy as np


def rope_scaled(x, positions, base=10000.0, scaling="none", factor=1.0):
    d = x.shape[-1]
    half = d // 2
    pos = positions.astype(np.float64)
    if scaling == "linear":
        pos = pos * factor
    elif scaling == "ntk":
        base = base * factor ** (d / (d - 2))
    angles = pos[:, None] * base ** (-2.0 * np.arange(half) / d)
    cos, sin = np.cos(angles), np.sin(angles)
    a, b = x[:, :half], x[:, half:]
    return np.concatenate([a * cos - b * sin, b * cos + a * sin], axis=-1)
