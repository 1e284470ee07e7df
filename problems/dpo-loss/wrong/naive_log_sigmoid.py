# Textbook -log(sigmoid(x)): sigmoid(-1000) underflows to 0 in float64, log(0) = -inf, so the loss is inf.
import torch


def dpo_loss(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps, beta=0.1):
    x = beta * ((policy_chosen_logps - ref_chosen_logps) - (policy_rejected_logps - ref_rejected_logps))
    return -torch.log(torch.sigmoid(x)).mean()
