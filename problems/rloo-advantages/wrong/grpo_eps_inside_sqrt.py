# eps added to the variance under the square root (the LayerNorm habit) instead of to the std.
import numpy as np


def group_advantages(rewards, method="rloo", eps=1e-4):
    k = rewards.shape[1]
    centred = rewards - rewards.mean(axis=1, keepdims=True)
    if method == "rloo":
        return k / (k - 1) * centred
    return centred / np.sqrt(rewards.var(axis=1, keepdims=True) + eps)
