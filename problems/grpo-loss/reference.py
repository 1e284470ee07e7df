import torch


def grpo_loss(logps: torch.Tensor, old_logps: torch.Tensor, ref_logps: torch.Tensor, advantages: torch.Tensor,
              mask: torch.Tensor, clip_eps: float = 0.2, beta: float = 0.04) -> torch.Tensor:
    """GRPO loss with DeepSeekMath's per-sequence normalisation and the k3 KL estimator, as a 0-d float64 tensor."""
    ratio = torch.exp(logps - old_logps)
    adv = advantages.unsqueeze(1)                                       # one advantage per completion, every token
    surr = torch.minimum(ratio * adv, torch.clamp(ratio, 1.0 - clip_eps, 1.0 + clip_eps) * adv)
    log_r = ref_logps - logps
    kl = torch.exp(log_r) - log_r - 1.0                                 # k3: unbiased for KL(pi || ref), always >= 0
    per_token = -(surr - beta * kl)
    # torch.where, not `* mask`: whatever sits at a masked position (even inf) cannot reach the sum.
    per_token = torch.where(mask, per_token, torch.zeros_like(per_token))
    per_sequence = per_token.sum(dim=1) / mask.sum(dim=1)
    return per_sequence.mean()
