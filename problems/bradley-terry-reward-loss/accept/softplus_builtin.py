# -logsigmoid(c - r) = softplus(r - c); F.softplus switches to the identity above its threshold.
import torch.nn.functional as F


def bradley_terry_loss(chosen_rewards, rejected_rewards):
    return F.softplus(rejected_rewards - chosen_rewards).mean()
