# Grows unconditionally: at the top of the float range the scale becomes inf, and every later gradient is inf/NaN.
import numpy as np


def loss_scaler_step(grads, scale, good_steps, growth_factor=2.0, backoff_factor=0.5, growth_interval=2000):
    unscaled = [g / scale for g in grads]
    if any(not np.all(np.isfinite(g)) for g in grads):
        return scale * backoff_factor, 0, True, unscaled
    good_steps += 1
    if good_steps == growth_interval:
        return scale * growth_factor, 0, False, unscaled
    return float(scale), good_steps, False, unscaled
