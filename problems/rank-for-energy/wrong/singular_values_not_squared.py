import numpy as np


def rank_for_energy(A, tau):
    # Uses the fraction of sum(s_i) instead of sum(s_i^2).
    s = np.linalg.svd(np.asarray(A, dtype=np.float64), compute_uv=False)
    if s[0] == 0.0:
        return 0
    ratio = np.cumsum(s) / np.sum(s)
    return int(np.argmax(ratio >= tau)) + 1
