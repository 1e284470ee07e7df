import numpy as np


def sliding_window_causal_mask(T, S, W, offset):
    # Row r is query offset + r: entry (r, j) is on diagonal j - r. Causal keeps j - r <= offset; the window
    # keeps j - r >= offset - W + 1.
    ones = np.ones((T, S), dtype=bool)
    return np.tril(ones, k=offset) & np.triu(ones, k=offset - W + 1)
