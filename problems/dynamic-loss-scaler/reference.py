import math

import numpy as np


def loss_scaler_step(grads: list[np.ndarray], scale: float, good_steps: int, growth_factor: float = 2.0,
                     backoff_factor: float = 0.5,
                     growth_interval: int = 2000) -> tuple[float, int, bool, list[np.ndarray]]:
    """Return (new_scale, new_good_steps, skipped, unscaled_grads) as torch.amp.GradScaler's update computes them."""
    unscaled = [np.asarray(g, dtype=np.float64) / scale for g in grads]    # GradScaler unscales in every case
    found_inf = any(not np.all(np.isfinite(g)) for g in grads)             # checked on the gradients as given
    if found_inf:
        return float(scale * backoff_factor), 0, True, unscaled
    good_steps += 1
    if good_steps == growth_interval:
        grown = scale * growth_factor
        return (float(grown) if math.isfinite(grown) else float(scale)), 0, False, unscaled
    return float(scale), int(good_steps), False, unscaled
