# Sample standard deviation (ddof = 1, torch.std's default) instead of the population one.
import numpy as np


def group_advantages(rewards, method="rloo", eps=1e-4):
    k = rewards.shape[1]
    centred = rewards - rewards.mean(axis=1, keepdims=True)
    if method == "rloo":
        return k / (k - 1) * centred
    return centred / (rewards.std(axis=1, ddof=1, keepdims=True) + eps)
