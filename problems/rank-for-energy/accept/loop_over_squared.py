import numpy as np


def rank_for_energy(A, tau):
    # Frobenius energy computed from the entries (after scaling), then walk down the spectrum.
    A = np.asarray(A, dtype=np.float64)
    peak = np.max(np.abs(A))
    if peak == 0.0:
        return 0
    scaled = A / peak
    total = np.sum(scaled * scaled)  # = sum of squared singular values of the scaled matrix
    s = np.linalg.svd(scaled, compute_uv=False)
    kept = 0.0
    for k, value in enumerate(s, start=1):
        kept += value * value
        if kept >= tau * total:
            return k
    return len(s)
