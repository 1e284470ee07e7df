import numpy as np


def expected_calibration_error(confidences, correct, n_bins=15):
    # Returns the largest bin gap (MCE) instead of the weighted average (ECE).
    c = np.asarray(confidences, dtype=float)
    y = np.asarray(correct, dtype=float)
    edges = np.arange(n_bins + 1) / n_bins
    worst = 0.0
    for i in range(n_bins):
        mask = (c > edges[i]) & (c <= edges[i + 1])
        if i == 0:
            mask |= c == 0
        if mask.any():
            worst = max(worst, abs(y[mask].mean() - c[mask].mean()))
    return float(worst)
