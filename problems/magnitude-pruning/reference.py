import numpy as np


def magnitude_prune(w, sparsity):
    """Zero the floor(sparsity * n) smallest-|w| entries (ties: lower flat index first); return (pruned, mask)."""
    w = np.asarray(w, dtype=np.float64)
    k = int(np.floor(sparsity * w.size))
    order = np.argsort(np.abs(w).ravel(), kind="stable")  # stable: equal magnitudes keep flat-index order
    mask = np.ones(w.size, dtype=bool)
    mask[order[:k]] = False
    mask = mask.reshape(w.shape)
    return np.where(mask, w, 0.0), mask
