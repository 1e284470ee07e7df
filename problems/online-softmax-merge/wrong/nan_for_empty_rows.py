import numpy as np


def merge_partials(m1, l1, o1, m2, l2, o2):
    # The textbook formula with no guard: for a row empty in both blocks m = -inf, and
    # exp(-inf - (-inf)) = exp(nan) puts NaN into l and o.
    m = np.maximum(m1, m2)
    w1 = l1 * np.exp(m1 - m)
    w2 = l2 * np.exp(m2 - m)
    l = w1 + w2
    o = (w1[:, None] * o1 + w2[:, None] * o2) / l[:, None]
    return m, l, o
