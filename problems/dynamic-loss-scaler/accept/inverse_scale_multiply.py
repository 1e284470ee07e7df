# GradScaler's own arithmetic: multiply by inv_scale = 1 / scale; one flat finiteness test over all gradients.
import numpy as np


def loss_scaler_step(grads, scale, good_steps, growth_factor=2.0, backoff_factor=0.5, growth_interval=2000):
    inv_scale = 1.0 / scale
    unscaled = [g * inv_scale for g in grads]
    found_inf = not all(np.isfinite(g).all() for g in grads)
    if found_inf:
        new_scale, tracker = scale * backoff_factor, 0
    elif good_steps + 1 == growth_interval:
        with np.errstate(over="ignore"):
            candidate = np.float64(scale) * growth_factor
        new_scale, tracker = (float(candidate) if np.isfinite(candidate) else scale), 0
    else:
        new_scale, tracker = scale, good_steps + 1
    return float(new_scale), int(tracker), bool(found_inf), unscaled
