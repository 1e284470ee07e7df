# Branch on the sign by hand: softplus(-x) via torch.where, each branch only exponentiates a non-positive number.
import torch


def dpo_loss(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps, beta=0.1):
    x = beta * ((policy_chosen_logps - ref_chosen_logps) - (policy_rejected_logps - ref_rejected_logps))
    pos = torch.log1p(torch.exp(-x.clamp(min=0)))          # right for x >= 0
    neg = -x + torch.log1p(torch.exp(x.clamp(max=0)))      # right for x < 0
    return torch.where(x >= 0, pos, neg).mean()
