# TRL-style: multiply by the float mask and divide by the per-row token count. Fine here because the masked
# positions hold finite log-probabilities, so 0 * (finite) = 0; the KL is written as exp(-x) + x - 1 with x = logps - ref.
import torch


def grpo_loss(logps, old_logps, ref_logps, advantages, mask, clip_eps=0.2, beta=0.04):
    m = mask.to(logps.dtype)
    coef_1 = torch.exp(logps - old_logps)
    coef_2 = torch.clamp(coef_1, 1 - clip_eps, 1 + clip_eps)
    loss1 = coef_1 * advantages.unsqueeze(1)
    loss2 = coef_2 * advantages.unsqueeze(1)
    per_token_loss = -torch.min(loss1, loss2)
    x = logps - ref_logps
    per_token_kl = torch.exp(-x) + x - 1
    per_token_loss = per_token_loss + beta * per_token_kl
    return ((per_token_loss * m).sum(dim=1) / m.sum(dim=1)).mean()
