import numpy as np


def magnitude_prune(w, sparsity):
    # Explicit two-key sort (magnitude, then flat index) and multiplication by the mask.
    w = np.asarray(w, dtype=np.float64)
    flat = w.reshape(-1)
    k = int(sparsity * flat.size)  # int() truncates, which is floor for non-negative numbers
    order = np.lexsort((np.arange(flat.size), np.abs(flat)))
    keep = np.ones(flat.size, dtype=bool)
    keep[order[:k]] = False
    keep = keep.reshape(w.shape)
    return w * keep, keep
