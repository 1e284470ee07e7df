import math

import numpy as np


def _one(step, peak_lr, warmup_steps, total_steps, decay_fraction, final_lr_fraction, decay_shape):
    decay_start = total_steps * (1.0 - decay_fraction)
    if step < warmup_steps:
        return peak_lr * step / warmup_steps
    if step < decay_start:
        return peak_lr
    # Clamp the progress through the cooldown to [0, 1]; past the end it stays at the floor.
    t = min(1.0, (step - decay_start) / (total_steps - decay_start))
    keep = 1.0 - (t if decay_shape == "linear" else math.sqrt(t))
    return peak_lr * final_lr_fraction + peak_lr * (1.0 - final_lr_fraction) * keep


def wsd_lr(steps, peak_lr, warmup_steps, total_steps, decay_fraction, final_lr_fraction=0.0, decay_shape="linear"):
    flat = [_one(int(s), peak_lr, warmup_steps, total_steps, decay_fraction, final_lr_fraction, decay_shape)
            for s in np.ravel(steps)]
    return np.array(flat, dtype=np.float64).reshape(np.shape(steps))
