import numpy as np


def randomized_svd(A, k, Omega, q):
    # Returns the projection Q Q^T A of rank l = Omega.shape[1] instead of truncating to rank k.
    A = np.asarray(A, dtype=np.float64)
    Q, _ = np.linalg.qr(A @ Omega)
    for _ in range(q):
        Q_row, _ = np.linalg.qr(A.T @ Q)
        Q, _ = np.linalg.qr(A @ Q_row)
    return Q @ (Q.T @ A)
