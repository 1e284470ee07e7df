# Token-level normalisation (DAPO / Dr. GRPO style): sum over all masked tokens / total masked tokens.
# Long completions then weigh more than short ones; the pinned loss averages per sequence first.
import torch


def grpo_loss(logps, old_logps, ref_logps, advantages, mask, clip_eps=0.2, beta=0.04):
    ratio = torch.exp(logps - old_logps)
    adv = advantages.unsqueeze(1)
    surr = torch.minimum(ratio * adv, torch.clamp(ratio, 1 - clip_eps, 1 + clip_eps) * adv)
    kl = torch.exp(ref_logps - logps) - (ref_logps - logps) - 1
    per_token = -(surr - beta * kl)
    return torch.where(mask, per_token, 0.0).sum() / mask.sum()
