import numpy as np


def apply_rope(x, positions, base=10000.0):
    # rotate_half written as [x2, -x1] instead of [-x2, x1]: rotates by -theta.
    d = x.shape[-1]
    half = d // 2
    inv_freq = base ** (-np.arange(0, d, 2) / d)
    angles = np.concatenate([np.outer(positions, inv_freq)] * 2, axis=-1)
    rotated = np.concatenate([x[:, half:], -x[:, :half]], axis=-1)
    return x * np.cos(angles) + rotated * np.sin(angles)
