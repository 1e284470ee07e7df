import numpy as np


def randomized_svd(A, k, Omega, q):
    """Randomized rank-k approximation of A.

    A: (m, n) float64; k: target rank; Omega: (n, l) Gaussian test matrix with l >= k;
    q: number of power iterations (QR after every multiplication by A or A.T).
    Return the rank-k approximation B, a float64 array of shape (m, n).
    """
    raise NotImplementedError
