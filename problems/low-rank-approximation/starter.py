import numpy as np


def low_rank_approximation(A: np.ndarray, k: int) -> np.ndarray:
    """Return the best rank-k approximation of A in the Frobenius norm.

    A: float64 array of shape (m, n); 1 <= k <= min(m, n).
    Returns a float64 array of shape (m, n) with rank at most k.
    """
    raise NotImplementedError
