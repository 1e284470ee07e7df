# No eps: a group whose K rewards are all equal (all correct or all wrong) gives 0 / 0 = NaN.
import numpy as np


def group_advantages(rewards, method="rloo", eps=1e-4):
    k = rewards.shape[1]
    centred = rewards - rewards.mean(axis=1, keepdims=True)
    if method == "rloo":
        return k / (k - 1) * centred
    with np.errstate(invalid="ignore", divide="ignore"):
        return centred / rewards.std(axis=1, keepdims=True)
