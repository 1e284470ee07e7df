import numpy as np


def sliding_window_causal_mask(T, S, W, offset):
    """(T, S) bool: True where query offset+r may attend to key j, i.e. offset+r-W < j <= offset+r."""
    i = offset + np.arange(T)[:, None]   # absolute query positions, one per row
    j = np.arange(S)[None, :]            # key positions
    return (j <= i) & (j > i - W)        # the W most recent keys, the query's own position included
