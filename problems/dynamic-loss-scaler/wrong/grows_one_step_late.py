# Compares the counter with the interval before counting the current step, so the scale grows one step late.
import math

import numpy as np


def loss_scaler_step(grads, scale, good_steps, growth_factor=2.0, backoff_factor=0.5, growth_interval=2000):
    unscaled = [g / scale for g in grads]
    if any(not np.all(np.isfinite(g)) for g in grads):
        return scale * backoff_factor, 0, True, unscaled
    if good_steps == growth_interval:
        grown = scale * growth_factor
        return (grown if math.isfinite(grown) else scale), 0, False, unscaled
    return float(scale), good_steps + 1, False, unscaled
