# The usual "fix" for log(0): add 1e-8. It hides the inf but caps each pair's loss at -log(1e-8) ~ 18.4.
import torch


def bradley_terry_loss(chosen_rewards, rejected_rewards):
    return -torch.log(torch.sigmoid(chosen_rewards - rejected_rewards) + 1e-8).mean()
