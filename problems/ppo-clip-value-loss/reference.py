import torch


def ppo_loss(logps: torch.Tensor, old_logps: torch.Tensor, advantages: torch.Tensor, values: torch.Tensor,
             old_values: torch.Tensor, returns: torch.Tensor, entropy: torch.Tensor, clip_eps: float = 0.2,
             value_clip: float = 0.2, vf_coef: float = 0.5, ent_coef: float = 0.01) -> torch.Tensor:
    """PPO's total loss (to minimise): clipped policy loss + vf_coef * clipped value loss - ent_coef * entropy."""
    ratio = torch.exp(logps - old_logps)
    # max of the two *losses* = -min of the two surrogates: the pessimistic bound.
    pg_loss = torch.maximum(-advantages * ratio, -advantages * torch.clamp(ratio, 1.0 - clip_eps, 1.0 + clip_eps))
    values_clipped = old_values + torch.clamp(values - old_values, -value_clip, value_clip)
    v_loss = 0.5 * torch.maximum((values - returns) ** 2, (values_clipped - returns) ** 2)
    return pg_loss.mean() + vf_coef * v_loss.mean() - ent_coef * entropy.mean()
