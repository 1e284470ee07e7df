import numpy as np


def sliding_window_causal_mask(T, S, W, offset):
    # One slice per row: keys max(0, i - W + 1) .. i, clipped to the S keys that exist.
    mask = np.zeros((T, S), dtype=bool)
    for r in range(T):
        i = offset + r
        lo, hi = max(0, i - W + 1), min(S, i + 1)
        if lo < hi:
            mask[r, lo:hi] = True
    return mask
