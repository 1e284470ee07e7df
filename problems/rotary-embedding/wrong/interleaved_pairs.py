import numpy as np


def apply_rope(x, positions, base=10000.0):
    # GPT-J / original RoFormer convention: rotates adjacent pairs (2i, 2i+1). It is a valid RoPE, but
    # not the rotate-half pairing (i, i + d/2) this problem asks for.
    d = x.shape[-1]
    inv_freq = base ** (-np.arange(0, d, 2) / d)
    angles = positions[:, None] * inv_freq
    cos, sin = np.cos(angles), np.sin(angles)
    even, odd = x[:, 0::2], x[:, 1::2]
    out = np.empty_like(x)
    out[:, 0::2] = even * cos - odd * sin
    out[:, 1::2] = odd * cos + even * sin
    return out
