import numpy as np


def cosine_warmup_lr(steps: np.ndarray, max_lr: float, min_lr: float, warmup_steps: int,
                     total_steps: int) -> np.ndarray:
    """Return the learning rate at each step: linear warmup 0 -> max_lr, cosine decay to min_lr, then flat."""
    s = np.asarray(steps, dtype=np.float64)
    lrs = np.empty_like(s)
    warm = s < warmup_steps
    done = s > total_steps
    decay = ~warm & ~done
    if warmup_steps > 0:
        lrs[warm] = max_lr * s[warm] / warmup_steps
    progress = (s[decay] - warmup_steps) / (total_steps - warmup_steps)
    lrs[decay] = min_lr + 0.5 * (max_lr - min_lr) * (1.0 + np.cos(np.pi * progress))
    lrs[done] = min_lr
    return lrs
