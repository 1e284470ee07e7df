import numpy as np


def wsd_lr(steps: np.ndarray, peak_lr: float, warmup_steps: int, total_steps: int, decay_fraction: float,
           final_lr_fraction: float = 0.0, decay_shape: str = "linear") -> np.ndarray:
    # Reads "1-sqrt" as sqrt(1 - progress): a concave curve that stays high and then plunges at the end,
    # instead of 1 - sqrt(progress), which drops fast at the start of the cooldown and then flattens.
    s = np.asarray(steps, dtype=np.float64)
    decay_steps = decay_fraction * total_steps
    decay_start = total_steps - decay_steps
    lrs = np.full(s.shape, float(peak_lr))
    if warmup_steps > 0:
        warm = s < warmup_steps
        lrs[warm] = peak_lr * s[warm] / warmup_steps
    decay = (s >= decay_start) & (s <= total_steps)
    progress = (s[decay] - decay_start) / decay_steps
    remaining = 1.0 - progress if decay_shape == "linear" else np.sqrt(1.0 - progress)
    lrs[decay] = peak_lr * (final_lr_fraction + (1.0 - final_lr_fraction) * remaining)
    lrs[s > total_steps] = peak_lr * final_lr_fraction
    return lrs
