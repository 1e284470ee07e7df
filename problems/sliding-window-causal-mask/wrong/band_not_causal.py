import numpy as np


def sliding_window_causal_mask(T, S, W, offset):
    # A symmetric band |i - j| < W: the window is right but future keys leak in (an encoder-style local mask).
    i = offset + np.arange(T)[:, None]
    j = np.arange(S)[None, :]
    return np.abs(i - j) < W
