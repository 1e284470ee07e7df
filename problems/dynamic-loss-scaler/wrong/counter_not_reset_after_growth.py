# Grows the scale but keeps counting good steps instead of starting again from 0.
import numpy as np


def loss_scaler_step(grads, scale, good_steps, growth_factor=2.0, backoff_factor=0.5, growth_interval=2000):
    unscaled = [g / scale for g in grads]
    if any(not np.all(np.isfinite(g)) for g in grads):
        return scale * backoff_factor, 0, True, unscaled
    good_steps += 1
    if good_steps % growth_interval == 0:
        scale = scale * growth_factor if np.isfinite(scale * growth_factor) else scale
    return float(scale), good_steps, False, unscaled
