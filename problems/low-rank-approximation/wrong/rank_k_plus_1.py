# Off by one: keeps k + 1 singular triplets, so the result has rank k + 1 (smaller error, but not rank <= k).
import numpy as np


def low_rank_approximation(A, k):
    U, S, Vh = np.linalg.svd(A, full_matrices=False)
    return (U[:, :k + 1] * S[:k + 1]) @ Vh[:k + 1, :]
