# RLOO written literally, dropping each sample from its group; GRPO with np.var.
import numpy as np


def group_advantages(rewards, method="rloo", eps=1e-4):
    if method == "grpo":
        centred = rewards - rewards.mean(axis=1, keepdims=True)
        return centred / (np.sqrt(rewards.var(axis=1, keepdims=True)) + eps)
    out = np.empty_like(rewards)
    for p in range(rewards.shape[0]):
        for i in range(rewards.shape[1]):
            out[p, i] = rewards[p, i] - np.delete(rewards[p], i).mean()
    return out
