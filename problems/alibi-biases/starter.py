import numpy as np


def alibi_biases(n_heads: int, seq_len: int) -> tuple[np.ndarray, np.ndarray]:
    """ALiBi slopes and the causal additive attention bias.

    Returns (slopes, bias): slopes float64 (n_heads,) as in the ALiBi paper's get_slopes (non-powers of two
    included); bias float64 (n_heads, seq_len, seq_len) with bias[h, i, j] = -slopes[h] * (i - j) for j <= i
    and -inf for j > i (query i may not see future key j).
    """
    return None
