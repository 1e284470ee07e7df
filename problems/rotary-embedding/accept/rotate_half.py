import math

import numpy as np


def _rotate_half(x):
    half = x.shape[-1] // 2
    return np.concatenate([-x[..., half:], x[..., :half]], axis=-1)


def apply_rope(x, positions, base=10000.0):
    # The Hugging Face LLaMA formulation: cos/sin tables duplicated to full width, x*cos + rotate_half(x)*sin.
    d = x.shape[-1]
    inv_freq = np.exp(-math.log(base) * np.arange(0, d, 2) / d)
    freqs = np.outer(positions, inv_freq)
    emb = np.concatenate([freqs, freqs], axis=-1)
    return x * np.cos(emb) + _rotate_half(x) * np.sin(emb)
