import numpy as np


def merge_partials(m1, l1, o1, m2, l2, o2):
    # Weights each block's output by exp(m_i - m) alone, forgetting that o_i is already normalised
    # by its own l_i: a block's weight must be l_i * exp(m_i - m).
    m = np.maximum(m1, m2)
    shift = np.where(np.isneginf(m), 0.0, m)
    a1 = np.exp(m1 - shift)
    a2 = np.exp(m2 - shift)
    l = l1 * a1 + l2 * a2
    denom = np.where(a1 + a2 > 0, a1 + a2, 1.0)
    o = (a1[:, None] * o1 + a2[:, None] * o2) / denom[:, None]
    return m, l, o
