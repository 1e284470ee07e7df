# Mean and std over the whole (P, K) batch instead of within each prompt's group.
import numpy as np


def group_advantages(rewards, method="rloo", eps=1e-4):
    n = rewards.size
    if method == "rloo":
        return rewards - (rewards.sum() - rewards) / (n - 1)
    return (rewards - rewards.mean()) / (rewards.std() + eps)
