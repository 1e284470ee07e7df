# SVD of A^T instead of A: the singular vectors come back with other signs, the product is the same.
import numpy as np


def low_rank_approximation(A, k):
    U, S, Vh = np.linalg.svd(np.asarray(A).T, full_matrices=False)   # A^T = U S Vh, so A = Vh^T S U^T
    return (Vh[:k, :].T * S[:k]) @ U[:, :k].T
