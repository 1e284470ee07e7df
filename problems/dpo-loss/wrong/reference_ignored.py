# Drops the reference model: -logsigmoid(beta * (pc - pr)), which is not DPO's implicit-reward margin.
import torch.nn.functional as F


def dpo_loss(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps, beta=0.1):
    return -F.logsigmoid(beta * (policy_chosen_logps - policy_rejected_logps)).mean()
