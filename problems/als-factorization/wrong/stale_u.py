import numpy as np


def als_factorization(A, U0, V0, lam, T):
    # Jacobi-style sweep: computes the new U from the OLD V instead of the V just updated.
    A = np.asarray(A, dtype=np.float64)
    U = np.array(U0, dtype=np.float64)
    V = np.array(V0, dtype=np.float64)
    eye = np.eye(U.shape[1])
    for _ in range(T):
        V_new = np.linalg.solve(U.T @ U + lam * eye, U.T @ A).T
        U = np.linalg.solve(V.T @ V + lam * eye, V.T @ A.T).T
        V = V_new
    return U, V
