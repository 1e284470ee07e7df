import numpy as np


def nm_prune(w, n, m):
    # Groups m consecutive entries down the FIRST axis (columns) instead of along the last axis.
    w = np.asarray(w, dtype=np.float64)
    moved = np.moveaxis(w, 0, -1)
    groups = moved.reshape(*moved.shape[:-1], moved.shape[-1] // m, m)
    order = np.argsort(-np.abs(groups), axis=-1, kind="stable")
    mask = np.zeros(groups.shape, dtype=bool)
    np.put_along_axis(mask, order[..., :n], True, axis=-1)
    mask = np.moveaxis(mask.reshape(moved.shape), -1, 0)
    return np.where(mask, w, 0.0), mask
