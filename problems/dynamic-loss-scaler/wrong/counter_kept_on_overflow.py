# Backs off on overflow but leaves the good-step counter as it was, so the next growth comes too early.
import math

import numpy as np


def loss_scaler_step(grads, scale, good_steps, growth_factor=2.0, backoff_factor=0.5, growth_interval=2000):
    unscaled = [g / scale for g in grads]
    if any(not np.all(np.isfinite(g)) for g in grads):
        return scale * backoff_factor, good_steps, True, unscaled
    good_steps += 1
    if good_steps == growth_interval:
        grown = scale * growth_factor
        return (grown if math.isfinite(grown) else scale), 0, False, unscaled
    return float(scale), good_steps, False, unscaled
