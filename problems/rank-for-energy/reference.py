import numpy as np


def rank_for_energy(A, tau):
    """Smallest k with sum_{i<=k} s_i^2 / sum_i s_i^2 >= tau; 0 for the all-zero matrix."""
    s = np.linalg.svd(np.asarray(A, dtype=np.float64), compute_uv=False)
    if s[0] == 0.0:
        return 0
    energy = (s / s[0]) ** 2  # divide by the largest first: squaring 1e200 would overflow, 1e-200 underflow
    cumulative = np.cumsum(energy)
    ratio = cumulative / cumulative[-1]
    return int(np.argmax(ratio >= tau)) + 1
