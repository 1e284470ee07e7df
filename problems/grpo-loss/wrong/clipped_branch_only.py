# Uses only the clipped term, dropping the min(): no longer a pessimistic bound when the ratio leaves the range.
import torch


def grpo_loss(logps, old_logps, ref_logps, advantages, mask, clip_eps=0.2, beta=0.04):
    ratio = torch.exp(logps - old_logps)
    surr = torch.clamp(ratio, 1 - clip_eps, 1 + clip_eps) * advantages.unsqueeze(1)
    kl = torch.exp(ref_logps - logps) - (ref_logps - logps) - 1
    per_token = torch.where(mask, -(surr - beta * kl), 0.0)
    return (per_token.sum(1) / mask.sum(1)).mean()
