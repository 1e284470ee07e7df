import numpy as np


def randomized_svd(A, k, Omega, q):
    # Same subspace, different finish: truncate the SVD of the m x n projection Q Q^T A.
    A = np.asarray(A, dtype=np.float64)
    Q = np.linalg.qr(A @ Omega)[0]
    for _ in range(q):
        Q = np.linalg.qr(A @ np.linalg.qr(A.T @ Q)[0])[0]
    U, s, Vt = np.linalg.svd(Q @ (Q.T @ A), full_matrices=False)
    return U[:, :k] @ np.diag(s[:k]) @ Vt[:k]
