import torch


def ppo_loss(logps: torch.Tensor, old_logps: torch.Tensor, advantages: torch.Tensor, values: torch.Tensor,
             old_values: torch.Tensor, returns: torch.Tensor, entropy: torch.Tensor, clip_eps: float = 0.2,
             value_clip: float = 0.2, vf_coef: float = 0.5, ent_coef: float = 0.01) -> torch.Tensor:
    """PPO total loss (Schulman et al. 2017), to be minimised; every tensor is float64 of shape (N,).

    ratio = exp(logps - old_logps)
    pg = mean(max(-A * ratio, -A * clamp(ratio, 1 - clip_eps, 1 + clip_eps)))
    v_clip = old_values + clamp(values - old_values, -value_clip, value_clip)
    vf = 0.5 * mean(max((values - returns)**2, (v_clip - returns)**2))
    return pg + vf_coef * vf - ent_coef * mean(entropy)   as a 0-d tensor
    """
    return None
