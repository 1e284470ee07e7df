import numpy as np


def nm_prune(w, n, m):
    """N:M structured pruning along the last axis.

    w: float64 array, w.shape[-1] divisible by m; 1 <= n <= m.
    In each group of m consecutive entries along the last axis keep the n largest |w|
    (ties: lower index kept). Return (pruned float64 array, bool mask with True = kept).
    """
    raise NotImplementedError
