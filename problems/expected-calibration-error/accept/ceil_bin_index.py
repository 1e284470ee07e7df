import math

import numpy as np


def expected_calibration_error(confidences, correct, n_bins=15):
    # Bin index ceil(c * M) - 1 (clipped so that c = 0 lands in bin 0), accumulated sample by sample.
    count = [0] * n_bins
    conf_sum = [0.0] * n_bins
    acc_sum = [0.0] * n_bins
    for c, y in zip(np.asarray(confidences).tolist(), np.asarray(correct).tolist()):
        i = min(max(math.ceil(c * n_bins) - 1, 0), n_bins - 1)
        count[i] += 1
        conf_sum[i] += c
        acc_sum[i] += float(y)
    n = sum(count)
    return sum(cnt / n * abs(a / cnt - s / cnt) for cnt, a, s in zip(count, acc_sum, conf_sum) if cnt)
