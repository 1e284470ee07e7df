# Project onto the top-k eigenvectors of the smaller Gram matrix: A^T A (n x n) or A A^T (m x m).
import numpy as np


def low_rank_approximation(A, k):
    A = np.asarray(A, dtype=np.float64)
    m, n = A.shape
    if n <= m:
        _, vecs = np.linalg.eigh(A.T @ A)       # ascending eigenvalues
        V = vecs[:, ::-1][:, :k]                 # top-k right singular vectors
        return (A @ V) @ V.T
    _, vecs = np.linalg.eigh(A @ A.T)
    U = vecs[:, ::-1][:, :k]                     # top-k left singular vectors
    return U @ (U.T @ A)
