# Margin rejected minus chosen: trains the reward model to prefer the rejected responses.
import torch.nn.functional as F


def bradley_terry_loss(chosen_rewards, rejected_rewards):
    return -F.logsigmoid(rejected_rewards - chosen_rewards).mean()
