import numpy as np


def expected_calibration_error(confidences, correct, n_bins=15):
    # Averages the gaps of the non-empty bins equally, ignoring how many samples each bin holds.
    c = np.asarray(confidences, dtype=float)
    y = np.asarray(correct, dtype=float)
    edges = np.arange(n_bins + 1) / n_bins
    gaps = []
    for i in range(n_bins):
        mask = (c > edges[i]) & (c <= edges[i + 1])
        if i == 0:
            mask |= c == 0
        if mask.any():
            gaps.append(abs(y[mask].mean() - c[mask].mean()))
    return float(np.mean(gaps))
