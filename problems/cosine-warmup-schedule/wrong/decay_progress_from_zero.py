import numpy as np


def cosine_warmup_lr(steps, max_lr, min_lr, warmup_steps, total_steps):
    s = np.asarray(steps, dtype=np.float64)
    # Progress measured from step 0 instead of from the end of warmup: jumps down at step W.
    p = np.minimum(s / total_steps, 1.0)
    decay = min_lr + 0.5 * (max_lr - min_lr) * (1 + np.cos(np.pi * p))
    warm = max_lr * s / max(warmup_steps, 1)
    return np.where(s < warmup_steps, warm, decay)
