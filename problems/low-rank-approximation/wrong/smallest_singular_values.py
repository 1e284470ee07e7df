# Keeps the k smallest singular triplets instead of the k largest (assumes ascending order).
import numpy as np


def low_rank_approximation(A, k):
    U, S, Vh = np.linalg.svd(A, full_matrices=False)
    return (U[:, -k:] * S[-k:]) @ Vh[-k:, :]
