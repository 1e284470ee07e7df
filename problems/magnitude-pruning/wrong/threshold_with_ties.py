import numpy as np


def magnitude_prune(w, sparsity):
    # Thresholds at the k-th smallest magnitude: with ties at the threshold it prunes more than k entries.
    w = np.asarray(w, dtype=np.float64)
    k = int(np.floor(sparsity * w.size))
    if k == 0:
        return w.copy(), np.ones(w.shape, dtype=bool)
    threshold = np.sort(np.abs(w).ravel())[k - 1]
    mask = np.abs(w) > threshold
    return np.where(mask, w, 0.0), mask
