import numpy as np


def nm_prune(w, n, m):
    """Keep the n largest-|w| entries in every group of m consecutive entries along the last axis."""
    w = np.asarray(w, dtype=np.float64)
    groups = w.reshape(*w.shape[:-1], w.shape[-1] // m, m)
    # stable sort of -|w|: among equal magnitudes the lower index comes first and is kept
    order = np.argsort(-np.abs(groups), axis=-1, kind="stable")
    mask = np.zeros(groups.shape, dtype=bool)
    np.put_along_axis(mask, order[..., :n], True, axis=-1)
    mask = mask.reshape(w.shape)
    return np.where(mask, w, 0.0), mask
