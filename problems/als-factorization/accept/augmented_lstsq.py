import numpy as np


def als_factorization(A, U0, V0, lam, T):
    # Ridge regression as an ordinary least-squares problem on an augmented system:
    # min ||U v - a||^2 + lam ||v||^2  ==  min ||[U; sqrt(lam) I] v - [a; 0]||^2
    A = np.asarray(A, dtype=np.float64)
    U = np.array(U0, dtype=np.float64)
    V = np.array(V0, dtype=np.float64)
    m, n = A.shape
    k = U.shape[1]
    root = np.sqrt(lam) * np.eye(k)
    for _ in range(T):
        V = np.linalg.lstsq(np.vstack([U, root]), np.vstack([A, np.zeros((k, n))]), rcond=None)[0].T
        U = np.linalg.lstsq(np.vstack([V, root]), np.vstack([A.T, np.zeros((k, m))]), rcond=None)[0].T
    return U, V
