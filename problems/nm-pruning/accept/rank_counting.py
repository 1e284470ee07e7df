import numpy as np


def nm_prune(w, n, m):
    # No sort: an entry is kept when fewer than n entries of its group beat it
    # ("beat" = larger magnitude, or equal magnitude at a lower index).
    w = np.asarray(w, dtype=np.float64)
    g = np.abs(w.reshape(-1, m))
    a = g[:, :, None]  # the entry
    b = g[:, None, :]  # its competitors
    lower = np.arange(m)[None, :] < np.arange(m)[:, None]  # [i, j]: j < i
    beaten_by = (b > a) | ((b == a) & lower[None])
    mask = (beaten_by.sum(axis=-1) < n).reshape(w.shape)
    return w * mask, mask
