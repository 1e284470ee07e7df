import numpy as np


def merge_partials(m1, l1, o1, m2, l2, o2):
    """Merge two (max, sum, normalised output) softmax partials over disjoint key blocks."""
    m = np.maximum(m1, m2)
    # A row empty in both blocks has m = -inf, and -inf - (-inf) is NaN; shift such rows by 0
    # instead, so that exp(-inf - 0) = 0 gives both weights 0.
    shift = np.where(np.isneginf(m), 0.0, m)
    w1 = l1 * np.exp(m1 - shift)
    w2 = l2 * np.exp(m2 - shift)
    l = w1 + w2
    # l >= 1 for any row with a finite max (its largest score contributes exp(0) = 1); empty rows have l = 0.
    safe_l = np.where(l > 0, l, 1.0)
    o = (w1[:, None] * o1 + w2[:, None] * o2) / safe_l[:, None]
    return m, l, o
