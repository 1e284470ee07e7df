# Ignores the mask: averages every position, prompt and padding included.
import torch


def grpo_loss(logps, old_logps, ref_logps, advantages, mask, clip_eps=0.2, beta=0.04):
    ratio = torch.exp(logps - old_logps)
    adv = advantages.unsqueeze(1)
    surr = torch.minimum(ratio * adv, torch.clamp(ratio, 1 - clip_eps, 1 + clip_eps) * adv)
    kl = torch.exp(ref_logps - logps) - (ref_logps - logps) - 1
    return (-(surr - beta * kl)).mean(dim=1).mean()
