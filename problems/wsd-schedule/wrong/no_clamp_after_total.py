import numpy as np


def wsd_lr(steps: np.ndarray, peak_lr: float, warmup_steps: int, total_steps: int, decay_fraction: float,
           final_lr_fraction: float = 0.0, decay_shape: str = "linear") -> np.ndarray:
    # Forgets the floor after total_steps: the linear decay keeps going below the final rate
    # (and negative), and the 1-sqrt one too.
    s = np.asarray(steps, dtype=np.float64)
    decay_steps = decay_fraction * total_steps
    decay_start = total_steps - decay_steps
    lrs = np.full(s.shape, float(peak_lr))
    if warmup_steps > 0:
        warm = s < warmup_steps
        lrs[warm] = peak_lr * s[warm] / warmup_steps
    decay = s >= decay_start
    progress = (s[decay] - decay_start) / decay_steps
    shaped = progress if decay_shape == "linear" else np.sqrt(progress)
    lrs[decay] = peak_lr * (final_lr_fraction + (1.0 - final_lr_fraction) * (1.0 - shaped))
    return lrs
