import numpy as np


def kl_shaped_rewards(logp_policy, logp_ref, rm_scores, mask, beta=0.1):
    # Uses log(pi_ref / pi) as the penalty: the policy is rewarded for drifting away from the reference.
    rewards = np.where(mask, -beta * (logp_ref - logp_policy), 0.0)
    T = mask.shape[1]
    last = T - 1 - np.argmax(mask[:, ::-1], axis=1)
    rewards[np.arange(mask.shape[0]), last] += rm_scores
    return rewards
