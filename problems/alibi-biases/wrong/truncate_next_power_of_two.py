# Slopes of the next power of two, cut to n_heads: keeps the steep first half and misses the gentle ones.
import math

import numpy as np


def alibi_biases(n_heads, seq_len):
    m = 2 ** math.ceil(math.log2(n_heads))
    slopes = (2.0 ** (-8.0 * np.arange(1, m + 1) / m))[:n_heads]
    pos = np.arange(seq_len)
    offset = (pos[None, :] - pos[:, None]).astype(np.float64)
    bias = slopes[:, None, None] * offset
    return slopes, np.where(offset > 0, -np.inf, bias)
