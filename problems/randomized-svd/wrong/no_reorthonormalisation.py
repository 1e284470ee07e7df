import numpy as np


def randomized_svd(A, k, Omega, q):
    # Forms (A A^T)^q A Omega first and orthonormalises once: equal in exact arithmetic,
    # but in float64 the directions with small singular values are lost when the spectrum decays fast.
    A = np.asarray(A, dtype=np.float64)
    Y = A @ Omega
    for _ in range(q):
        Y = A @ (A.T @ Y)
    Q, _ = np.linalg.qr(Y)
    U_small, s, Vt = np.linalg.svd(Q.T @ A, full_matrices=False)
    return (Q @ U_small[:, :k] * s[:k]) @ Vt[:k]
