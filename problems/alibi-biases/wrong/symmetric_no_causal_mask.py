# Bidirectional ALiBi: -m * |i - j| everywhere, with no -inf on future keys.
import math

import numpy as np


def _slopes(n):
    if math.log2(n).is_integer():
        return [2.0 ** (-8.0 * k / n) for k in range(1, n + 1)]
    closest = 2 ** math.floor(math.log2(n))
    return _slopes(closest) + _slopes(2 * closest)[0::2][: n - closest]


def alibi_biases(n_heads, seq_len):
    slopes = np.array(_slopes(n_heads))
    pos = np.arange(seq_len)
    return slopes, -slopes[:, None, None] * np.abs(pos[:, None] - pos[None, :]).astype(np.float64)
