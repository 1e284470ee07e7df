# The k1 estimator logps - ref: unbiased in expectation but negative on many tokens; not the pinned k3.
import torch


def grpo_loss(logps, old_logps, ref_logps, advantages, mask, clip_eps=0.2, beta=0.04):
    ratio = torch.exp(logps - old_logps)
    adv = advantages.unsqueeze(1)
    surr = torch.minimum(ratio * adv, torch.clamp(ratio, 1 - clip_eps, 1 + clip_eps) * adv)
    kl = logps - ref_logps
    per_token = torch.where(mask, -(surr - beta * kl), 0.0)
    return (per_token.sum(1) / mask.sum(1)).mean()
