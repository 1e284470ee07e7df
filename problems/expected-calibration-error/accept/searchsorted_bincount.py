import numpy as np


def expected_calibration_error(confidences, correct, n_bins=15):
    # searchsorted(side="left") puts c in bin i when edges[i] < c <= edges[i+1]; c = 0 lands at -1 -> clip to 0.
    c = np.asarray(confidences, dtype=float)
    y = np.asarray(correct, dtype=float)
    edges = np.arange(n_bins + 1) / n_bins
    idx = np.clip(np.searchsorted(edges, c, side="left") - 1, 0, n_bins - 1)
    count = np.bincount(idx, minlength=n_bins)
    conf_sum = np.bincount(idx, weights=c, minlength=n_bins)
    acc_sum = np.bincount(idx, weights=y, minlength=n_bins)
    # sum_b |B_b|/n * |acc_b - conf_b| = sum_b |acc_sum_b - conf_sum_b| / n
    return float(np.sum(np.abs(acc_sum - conf_sum)) / c.size)
