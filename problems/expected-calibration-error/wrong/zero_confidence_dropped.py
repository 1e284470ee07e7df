import numpy as np


def expected_calibration_error(confidences, correct, n_bins=15):
    # Half-open bins (lo, hi] for every bin, the first included: a confidence of exactly 0 falls in no bin.
    c = np.asarray(confidences, dtype=float)
    y = np.asarray(correct, dtype=float)
    edges = np.arange(n_bins + 1) / n_bins
    ece = 0.0
    for i in range(n_bins):
        mask = (c > edges[i]) & (c <= edges[i + 1])
        if mask.any():
            ece += mask.sum() / c.size * abs(y[mask].mean() - c[mask].mean())
    return float(ece)
