import numpy as np


def nm_prune(w, n, m):
    # Takes the last n of an ascending stable sort: right values, but ties keep the HIGHER index.
    w = np.asarray(w, dtype=np.float64)
    groups = w.reshape(-1, m)
    order = np.argsort(np.abs(groups), axis=-1, kind="stable")
    mask = np.zeros(groups.shape, dtype=bool)
    np.put_along_axis(mask, order[:, m - n:], True, axis=-1)
    mask = mask.reshape(w.shape)
    return np.where(mask, w, 0.0), mask
