# Takes the min of the clipped and unclipped value errors: optimistic, so a value head that jumped past the
# clip range is never penalised for it (the value clipping then does nothing useful).
import torch


def ppo_loss(logps, old_logps, advantages, values, old_values, returns, entropy, clip_eps=0.2, value_clip=0.2,
             vf_coef=0.5, ent_coef=0.01):
    ratio = torch.exp(logps - old_logps)
    pg = torch.maximum(-advantages * ratio, -advantages * torch.clamp(ratio, 1 - clip_eps, 1 + clip_eps)).mean()
    v_clip = old_values + torch.clamp(values - old_values, -value_clip, value_clip)
    vf = 0.5 * torch.minimum((values - returns) ** 2, (v_clip - returns) ** 2).mean()
    return pg + vf_coef * vf - ent_coef * entropy.mean()
