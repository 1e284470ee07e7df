# Flip the sign of every other singular pair (u_i -> -u_i, v_i -> -v_i): same matrix.
import numpy as np


def low_rank_approximation(A, k):
    U, S, Vh = np.linalg.svd(A, full_matrices=False)
    signs = np.where(np.arange(k) % 2 == 0, -1.0, 1.0)
    return ((U[:, :k] * signs) * S[:k]) @ (Vh[:k, :] * signs[:, None])
