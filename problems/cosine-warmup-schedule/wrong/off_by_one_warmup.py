import math

import numpy as np


def cosine_warmup_lr(steps, max_lr, min_lr, warmup_steps, total_steps):
    out = []
    for s in steps:
        s = int(s)
        if s < warmup_steps:
            out.append(max_lr * (s + 1) / warmup_steps)  # off by one: reaches max_lr one step early
        elif s <= total_steps:
            p = (s - warmup_steps) / (total_steps - warmup_steps)
            out.append(min_lr + 0.5 * (max_lr - min_lr) * (1 + math.cos(math.pi * p)))
        else:
            out.append(min_lr)
    return np.array(out)
