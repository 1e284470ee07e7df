# The baseline is the mean of all K rewards, the sample's own included: advantages shrink by (K-1)/K.
import numpy as np


def group_advantages(rewards, method="rloo", eps=1e-4):
    centred = rewards - rewards.mean(axis=1, keepdims=True)
    if method == "rloo":
        return centred
    return centred / (rewards.std(axis=1, keepdims=True) + eps)
