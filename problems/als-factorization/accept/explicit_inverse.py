import numpy as np


def als_factorization(A, U0, V0, lam, T):
    # Closed form with an explicit k x k inverse (fine for a small, well-conditioned ridge system).
    A = np.asarray(A, dtype=np.float64)
    U = np.array(U0, dtype=np.float64)
    V = np.array(V0, dtype=np.float64)
    k = U.shape[1]
    for _ in range(T):
        V = A.T @ U @ np.linalg.inv(U.T @ U + lam * np.eye(k))
        U = A @ V @ np.linalg.inv(V.T @ V + lam * np.eye(k))
    return U, V
