import numpy as np


def expected_calibration_error(confidences, correct, n_bins=15):
    # floor(c * M): bins [i/M, (i+1)/M), so a confidence exactly on an edge goes one bin up.
    c = np.asarray(confidences, dtype=float)
    y = np.asarray(correct, dtype=float)
    idx = np.minimum((c * n_bins).astype(int), n_bins - 1)
    ece = 0.0
    for i in range(n_bins):
        mask = idx == i
        if mask.any():
            ece += mask.sum() / c.size * abs(y[mask].mean() - c[mask].mean())
    return float(ece)
