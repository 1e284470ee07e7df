import numpy as np


def merge_partials(m1, l1, o1, m2, l2, o2):
    # Rescales the outputs correctly but adds the sums as l1 + l2, forgetting that each l_i is
    # relative to its own max m_i and must be multiplied by exp(m_i - m) too.
    m = np.maximum(m1, m2)
    shift = np.where(np.isneginf(m), 0.0, m)
    w1 = l1 * np.exp(m1 - shift)
    w2 = l2 * np.exp(m2 - shift)
    total = np.where(w1 + w2 > 0, w1 + w2, 1.0)
    o = (w1[:, None] * o1 + w2[:, None] * o2) / total[:, None]
    return m, l1 + l2, o
