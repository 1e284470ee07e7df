# Hugging Face BLOOM's build_alibi_tensor slopes (powers of a base, odd powers of an extra base for the
# remaining heads), with the bias built from np.tril and a -inf upper triangle.
import math

import numpy as np


def alibi_biases(n_heads, seq_len):
    closest = 2 ** math.floor(math.log2(n_heads))
    base = 2.0 ** (-(2.0 ** -(math.log2(closest) - 3)))
    slopes = base ** np.arange(1, closest + 1, dtype=np.float64)
    if closest != n_heads:
        extra_base = 2.0 ** (-(2.0 ** -(math.log2(2 * closest) - 3)))
        n_extra = min(closest, n_heads - closest)
        slopes = np.concatenate([slopes, extra_base ** np.arange(1, 1 + 2 * n_extra, 2, dtype=np.float64)])
    i = np.arange(seq_len)[:, None]
    j = np.arange(seq_len)[None, :]
    rel = np.tril(j - i).astype(np.float64)                   # j - i on and below the diagonal, 0 above
    bias = slopes[:, None, None] * rel
    bias[:, np.triu_indices(seq_len, k=1)[0], np.triu_indices(seq_len, k=1)[1]] = -np.inf
    return slopes, bias
