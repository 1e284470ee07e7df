import numpy as np


def pipeline_bubble(p: int, m: int, tf: float, tb: float) -> dict:
    # Reports the bubble as idle time over ideal time, (p - 1) / m, the overhead figure quoted in the GPipe
    # paper, instead of the idle fraction of the total time, (p - 1) / (m + p - 1).
    total_time = (m + p - 1) * (tf + tb)
    bubble_fraction = (p - 1) / m
    stages = np.arange(p)
    gpipe_peak = np.full(p, m)
    one_f_one_b_peak = np.minimum(p - stages, m)
    return {
        "gpipe": {"total_time": float(total_time), "bubble_fraction": float(bubble_fraction),
                  "peak_in_flight": np.asarray(gpipe_peak, dtype=np.int64)},
        "1f1b": {"total_time": float(total_time), "bubble_fraction": float(bubble_fraction),
                 "peak_in_flight": np.asarray(one_f_one_b_peak, dtype=np.int64)},
    }
