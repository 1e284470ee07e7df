# -logsigmoid(x) written as log(1 + exp(-x)): exp(1000) overflows to inf when beta * margin = -1e3.
import torch


def dpo_loss(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps, beta=0.1):
    x = beta * ((policy_chosen_logps - ref_chosen_logps) - (policy_rejected_logps - ref_rejected_logps))
    return torch.log1p(torch.exp(-x)).mean()
