# Off by one in the interleaving: get_slopes(2 * closest)[1::2] instead of [0::2]. Those are exactly the
# closest power of two's own slopes, so heads repeat.
import math

import numpy as np


def _pow2(n):
    return [2.0 ** (-8.0 * k / n) for k in range(1, n + 1)]


def alibi_biases(n_heads, seq_len):
    closest = 2 ** math.floor(math.log2(n_heads))
    slopes = _pow2(closest) + _pow2(2 * closest)[1::2][: n_heads - closest]
    slopes = np.array(slopes)
    pos = np.arange(seq_len)
    offset = (pos[None, :] - pos[:, None]).astype(np.float64)
    bias = slopes[:, None, None] * offset
    return slopes, np.where(offset > 0, -np.inf, bias)
