import torch


def grpo_loss(logps: torch.Tensor, old_logps: torch.Tensor, ref_logps: torch.Tensor, advantages: torch.Tensor,
              mask: torch.Tensor, clip_eps: float = 0.2, beta: float = 0.04) -> torch.Tensor:
    """GRPO loss (Shao et al. 2024, DeepSeekMath).

    logps, old_logps, ref_logps: float64 (N, T) per-token log-probs under the current, sampling and reference policy.
    advantages: float64 (N,); mask: bool (N, T), True on completion tokens.
    ratio = exp(logps - old_logps); surr = min(ratio*A, clamp(ratio, 1-clip_eps, 1+clip_eps)*A);
    kl = exp(ref - logps) - (ref - logps) - 1; per_token = -(surr - beta*kl);
    return the mean over rows of (sum of per_token over the row's masked tokens / the row's masked-token count).
    """
    return None
