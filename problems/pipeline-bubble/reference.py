import numpy as np


def pipeline_bubble(p: int, m: int, tf: float, tb: float) -> dict:
    """Return total time, bubble fraction and per-stage peak in-flight micro-batches for GPipe and 1F1B."""
    # Both schedules fill and drain the pipeline once: p - 1 forward slots plus p - 1 backward slots of idling
    # on every stage around its m * (tf + tb) of work.
    total_time = (m + p - 1) * (tf + tb)
    bubble_fraction = (p - 1) / (m + p - 1)
    stages = np.arange(p)
    gpipe_peak = np.full(p, m, dtype=np.int64)
    # 1F1B: stage i runs min(p - 1 - i, m) warmup forwards, then one more forward before its first backward.
    one_f_one_b_peak = np.minimum(p - stages, m).astype(np.int64)
    return {
        "gpipe": {"total_time": float(total_time), "bubble_fraction": float(bubble_fraction),
                  "peak_in_flight": gpipe_peak},
        "1f1b": {"total_time": float(total_time), "bubble_fraction": float(bubble_fraction),
                 "peak_in_flight": one_f_one_b_peak},
    }
