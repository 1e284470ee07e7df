# The seed article's snippet: np.linalg.svd defaults to full_matrices=True, so U is (m, m) and
# U @ np.diag(S[:k]) only has matching shapes when m == k.
import numpy as np


def low_rank_approximation(A, k):
    U, S, V = np.linalg.svd(A)
    low_rank_matrix = U @ np.diag(S[:k]) @ V[:k, :]
    return low_rank_matrix
