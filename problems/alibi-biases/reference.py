import math

import numpy as np


def _slopes(n: int) -> list[float]:
    """The ALiBi reference code's get_slopes (Press et al. 2022), including non-powers of two."""
    if math.log2(n).is_integer():
        start = 2.0 ** (-(2.0 ** -(math.log2(n) - 3)))          # 2^(-8/n)
        return [start * start**i for i in range(n)]
    closest = 2 ** math.floor(math.log2(n))
    # The closest power of two's slopes, then every other slope of twice that many heads.
    return _slopes(closest) + _slopes(2 * closest)[0::2][: n - closest]


def alibi_biases(n_heads: int, seq_len: int) -> tuple[np.ndarray, np.ndarray]:
    """Return (slopes (H,), bias (H, T, T)) with bias[h, i, j] = -slopes[h] * (i - j) for j <= i, else -inf."""
    slopes = np.array(_slopes(n_heads), dtype=np.float64)
    pos = np.arange(seq_len)
    offset = (pos[None, :] - pos[:, None]).astype(np.float64)            # j - i: 0 on the diagonal, < 0 in the past
    bias = slopes[:, None, None] * offset[None, :, :]                    # -m * (i - j), +0.0 on the diagonal
    bias = np.where(offset[None] > 0, -np.inf, bias)                    # future keys are masked
    return slopes, bias
