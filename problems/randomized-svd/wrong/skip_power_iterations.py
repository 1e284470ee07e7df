import numpy as np


def randomized_svd(A, k, Omega, q):
    # Ignores q: a single pass of the range finder.
    A = np.asarray(A, dtype=np.float64)
    Q, _ = np.linalg.qr(A @ Omega)
    U_small, s, Vt = np.linalg.svd(Q.T @ A, full_matrices=False)
    return (Q @ U_small[:, :k] * s[:k]) @ Vt[:k]
