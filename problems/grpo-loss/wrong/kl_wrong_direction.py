# k3 with the log-ratio the wrong way round: exp(logps - ref) - (logps - ref) - 1 is not an estimator of
# KL(pi || ref) under samples from pi; it grows exponentially where the policy gained probability.
import torch


def grpo_loss(logps, old_logps, ref_logps, advantages, mask, clip_eps=0.2, beta=0.04):
    ratio = torch.exp(logps - old_logps)
    adv = advantages.unsqueeze(1)
    surr = torch.minimum(ratio * adv, torch.clamp(ratio, 1 - clip_eps, 1 + clip_eps) * adv)
    d = logps - ref_logps
    kl = torch.exp(d) - d - 1
    per_token = torch.where(mask, -(surr - beta * kl), 0.0)
    return (per_token.sum(1) / mask.sum(1)).mean()
