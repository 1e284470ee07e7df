# When s_k == s_{k+1}, keep the (k+1)-th singular triplet instead of the k-th: a different matrix,
# equally optimal (the best rank-k approximation is not unique on a tie).
import numpy as np


def low_rank_approximation(A, k):
    U, S, Vh = np.linalg.svd(A, full_matrices=False)
    keep = list(range(k))
    if k < len(S) and abs(S[k - 1] - S[k]) <= 1e-9 * S[0]:
        keep[-1] = k
    return (U[:, keep] * S[keep]) @ Vh[keep, :]
