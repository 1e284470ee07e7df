import numpy as np


def kl_shaped_rewards(logp_policy, logp_ref, rm_scores, mask, beta=0.1):
    """Per-token RLHF rewards: -beta * (logp_policy - logp_ref) on completion tokens, plus the score at the last one."""
    mask = np.asarray(mask, dtype=bool)
    rewards = np.where(mask, -beta * (logp_policy - logp_ref), 0.0)
    T = mask.shape[1]
    # Last True per row: argmax finds the first True of the reversed row.
    last = T - 1 - np.argmax(mask[:, ::-1], axis=1)
    rewards[np.arange(mask.shape[0]), last] += rm_scores
    return rewards
