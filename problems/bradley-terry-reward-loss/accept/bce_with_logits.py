# The preference as a binary label: BCE-with-logits on the margin with target 1 is exactly -logsigmoid(margin).
import torch
import torch.nn.functional as F


def bradley_terry_loss(chosen_rewards, rejected_rewards):
    margin = chosen_rewards - rejected_rewards
    return F.binary_cross_entropy_with_logits(margin, torch.ones_like(margin))
