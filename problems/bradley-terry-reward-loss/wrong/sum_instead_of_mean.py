# Sums over pairs instead of averaging: the loss scales with the batch size.
import torch.nn.functional as F


def bradley_terry_loss(chosen_rewards, rejected_rewards):
    return -F.logsigmoid(chosen_rewards - rejected_rewards).sum()
