import numpy as np


def randomized_svd(A, k, Omega, q):
    """Rank-k approximation of A from the range of A @ Omega, with q re-orthonormalised power iterations."""
    A = np.asarray(A, dtype=np.float64)
    Q, _ = np.linalg.qr(A @ Omega)
    for _ in range(q):
        # QR after every product keeps the small singular directions from drowning in rounding error
        Q_row, _ = np.linalg.qr(A.T @ Q)
        Q, _ = np.linalg.qr(A @ Q_row)
    U_small, s, Vt = np.linalg.svd(Q.T @ A, full_matrices=False)
    U = Q @ U_small[:, :k]
    return (U * s[:k]) @ Vt[:k]
