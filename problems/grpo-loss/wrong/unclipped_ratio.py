# Forgets the clipped branch: plain importance-weighted policy gradient, no trust region.
import torch


def grpo_loss(logps, old_logps, ref_logps, advantages, mask, clip_eps=0.2, beta=0.04):
    ratio = torch.exp(logps - old_logps)
    surr = ratio * advantages.unsqueeze(1)
    kl = torch.exp(ref_logps - logps) - (ref_logps - logps) - 1
    per_token = torch.where(mask, -(surr - beta * kl), 0.0)
    return (per_token.sum(1) / mask.sum(1)).mean()
