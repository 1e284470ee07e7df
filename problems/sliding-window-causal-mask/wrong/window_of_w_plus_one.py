import numpy as np


def sliding_window_causal_mask(T, S, W, offset):
    # Off by one at the far edge: i - W <= j <= i lets each query see W + 1 keys (itself and W before it).
    i = offset + np.arange(T)[:, None]
    j = np.arange(S)[None, :]
    return (j <= i) & (j >= i - W)
