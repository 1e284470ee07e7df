# RLOO via the identity r_i - mean_{j != i} r_j = K/(K-1) * (r_i - mean); GRPO with an explicit loop per prompt.
import math

import numpy as np


def group_advantages(rewards, method="rloo", eps=1e-4):
    p, k = rewards.shape
    if method == "rloo":
        return k / (k - 1) * (rewards - rewards.mean(axis=1, keepdims=True))
    out = np.empty((p, k))
    for row in range(p):
        values = [float(x) for x in rewards[row]]
        mean = math.fsum(values) / k
        std = math.sqrt(math.fsum((x - mean) ** 2 for x in values) / k)
        out[row] = [(x - mean) / (std + eps) for x in values]
    return out
