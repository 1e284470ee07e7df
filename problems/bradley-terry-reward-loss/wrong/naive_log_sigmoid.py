# Textbook -log(sigmoid(margin)): sigmoid(-1000) underflows to 0 and the loss becomes inf.
import torch


def bradley_terry_loss(chosen_rewards, rejected_rewards):
    return -torch.log(torch.sigmoid(chosen_rewards - rejected_rewards)).mean()
