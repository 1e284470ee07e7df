import numpy as np


def expected_calibration_error(confidences: np.ndarray, correct: np.ndarray, n_bins: int = 15) -> float:
    """ECE over n_bins equal-width bins (i/M, (i+1)/M], with confidence 0 in the first bin."""
    confidences = np.asarray(confidences, dtype=np.float64)
    correct = np.asarray(correct, dtype=np.float64)
    edges = np.arange(n_bins + 1) / n_bins  # i / M, each correctly rounded
    n = confidences.size
    ece = 0.0
    for i in range(n_bins):
        in_bin = (confidences > edges[i]) & (confidences <= edges[i + 1])
        if i == 0:
            in_bin |= confidences == 0.0  # the first bin is closed on the left
        count = int(in_bin.sum())
        if count == 0:  # empty bins carry no weight
            continue
        gap = abs(correct[in_bin].mean() - confidences[in_bin].mean())
        ece += count / n * gap
    return float(ece)
