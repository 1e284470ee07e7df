# The article's snippet with the slicing fixed: full U is fine once only its first k columns are used.
import numpy as np


def low_rank_approximation(A, k):
    U, S, Vh = np.linalg.svd(A)
    return U[:, :k] @ np.diag(S[:k]) @ Vh[:k, :]
