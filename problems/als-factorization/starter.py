import numpy as np


def als_factorization(A, U0, V0, lam, T):
    """Run T ridge-regularised ALS iterations for A ~ U V^T.

    A: (m, n) float64, U0: (m, k), V0: (n, k), lam > 0, T >= 0 iterations.
    Each iteration: update V with U fixed, then U with the new V fixed.
    Return (U, V) as float64 arrays of shapes (m, k) and (n, k).
    """
    raise NotImplementedError
