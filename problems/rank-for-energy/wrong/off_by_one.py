import numpy as np


def rank_for_energy(A, tau):
    # Returns the 0-based index of the first singular value that reaches tau, not the count k.
    s = np.linalg.svd(np.asarray(A, dtype=np.float64), compute_uv=False)
    if s[0] == 0.0:
        return 0
    ratio = np.cumsum((s / s[0]) ** 2)
    ratio /= ratio[-1]
    return int(np.argmax(ratio >= tau))
