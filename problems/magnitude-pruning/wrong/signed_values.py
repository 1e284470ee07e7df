import numpy as np


def magnitude_prune(w, sparsity):
    # Ranks by the signed value, so large negative weights are pruned first.
    w = np.asarray(w, dtype=np.float64)
    k = int(np.floor(sparsity * w.size))
    order = np.argsort(w.ravel(), kind="stable")
    mask = np.ones(w.size, dtype=bool)
    mask[order[:k]] = False
    mask = mask.reshape(w.shape)
    return np.where(mask, w, 0.0), mask
