import numpy as np


def als_factorization(A, U0, V0, lam, T):
    # Plain least squares: forgets the lam * I ridge term.
    A = np.asarray(A, dtype=np.float64)
    U = np.array(U0, dtype=np.float64)
    V = np.array(V0, dtype=np.float64)
    for _ in range(T):
        V = np.linalg.lstsq(U, A, rcond=None)[0].T
        U = np.linalg.lstsq(V, A.T, rcond=None)[0].T
    return U, V
