# The paper's form: maximise min(r*A, clip(r)*A), so the loss is its negation; the value clip via torch.where.
import torch


def ppo_loss(logps, old_logps, advantages, values, old_values, returns, entropy, clip_eps=0.2, value_clip=0.2,
             vf_coef=0.5, ent_coef=0.01):
    ratio = (logps - old_logps).exp()
    surrogate = torch.min(ratio * advantages, ratio.clamp(1 - clip_eps, 1 + clip_eps) * advantages)
    delta = values - old_values
    delta = torch.where(delta > value_clip, torch.full_like(delta, value_clip), delta)
    delta = torch.where(delta < -value_clip, torch.full_like(delta, -value_clip), delta)
    unclipped = (values - returns).pow(2)
    clipped = (old_values + delta - returns).pow(2)
    value_loss = torch.where(clipped > unclipped, clipped, unclipped).mean() / 2
    return -surrogate.mean() + vf_coef * value_loss - ent_coef * entropy.mean()
