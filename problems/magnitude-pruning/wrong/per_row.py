import numpy as np


def magnitude_prune(w, sparsity):
    # Prunes floor(sparsity * cols) per row (a row-wise budget) instead of one global ranking.
    w = np.atleast_2d(np.asarray(w, dtype=np.float64))
    w2 = w.reshape(w.shape[0], -1)
    mask = np.ones(w2.shape, dtype=bool)
    k = int(np.floor(sparsity * w2.shape[1]))
    for i, row in enumerate(w2):
        mask[i, np.argsort(np.abs(row), kind="stable")[:k]] = False
    mask = mask.reshape(w.shape)
    return np.where(mask, w, 0.0), mask
