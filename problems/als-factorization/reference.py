import numpy as np


def als_factorization(A, U0, V0, lam, T):
    """Run T ridge-regularised ALS iterations for A ~ U V^T (V update first, then U)."""
    A = np.asarray(A, dtype=np.float64)
    U = np.array(U0, dtype=np.float64)
    V = np.array(V0, dtype=np.float64)
    eye = np.eye(U.shape[1])
    for _ in range(T):
        # V^T = (U^T U + lam I)^{-1} U^T A: one k x k SPD system with n right-hand sides
        V = np.linalg.solve(U.T @ U + lam * eye, U.T @ A).T
        # U^T = (V^T V + lam I)^{-1} V^T A^T, using the V just computed
        U = np.linalg.solve(V.T @ V + lam * eye, V.T @ A.T).T
    return U, V
