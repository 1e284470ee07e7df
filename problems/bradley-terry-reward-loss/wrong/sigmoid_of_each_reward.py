# Treats each reward as an independent logit (chosen -> label 1, rejected -> label 0) instead of comparing them:
# pointwise BCE, not the pairwise Bradley–Terry likelihood.
import torch.nn.functional as F


def bradley_terry_loss(chosen_rewards, rejected_rewards):
    return (-F.logsigmoid(chosen_rewards) - F.logsigmoid(-rejected_rewards)).mean()
