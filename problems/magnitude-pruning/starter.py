import numpy as np


def magnitude_prune(w, sparsity):
    """Unstructured magnitude pruning.

    w: float64 array (any shape); sparsity in [0, 1].
    Zero exactly floor(sparsity * w.size) entries with the smallest |w| over the whole tensor
    (ties: the lower row-major flat index is pruned first).
    Return (pruned float64 array, bool mask with True = kept), both with w's shape.
    """
    return w, np.ones(np.shape(w), dtype=bool)
