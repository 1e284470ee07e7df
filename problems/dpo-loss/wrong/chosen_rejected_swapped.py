# Sign flipped: the margin is taken rejected-minus-chosen, so the loss rewards preferring the rejected answer.
import torch.nn.functional as F


def dpo_loss(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps, beta=0.1):
    margin = (policy_rejected_logps - ref_rejected_logps) - (policy_chosen_logps - ref_chosen_logps)
    return -F.logsigmoid(beta * margin).mean()
