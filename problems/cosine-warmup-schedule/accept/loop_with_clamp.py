import math

import numpy as np


def cosine_warmup_lr(steps, max_lr, min_lr, warmup_steps, total_steps):
    def lr(s):
        if s < warmup_steps:
            return max_lr * s / warmup_steps
        progress = min(1.0, (s - warmup_steps) / (total_steps - warmup_steps))
        # cos^2 form of 0.5 * (1 + cos(pi * p))
        return min_lr + (max_lr - min_lr) * math.cos(0.5 * math.pi * progress) ** 2

    return np.array([lr(int(s)) for s in steps], dtype=np.float64)
