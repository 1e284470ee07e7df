import torch


def label_smoothing_z_loss(logits: torch.Tensor, targets: torch.Tensor, epsilon: float = 0.1,
                           z_loss_coef: float = 1e-4) -> torch.Tensor:
    """Return mean label-smoothed cross-entropy plus z_loss_coef * mean(logsumexp(logits)^2), a 0-d tensor."""
    z = logits.to(torch.float64)
    m = z.max(dim=-1, keepdim=True).values
    lse = (m + torch.log(torch.exp(z - m).sum(dim=-1, keepdim=True))).squeeze(-1)   # stable logsumexp, (N,)
    log_p = z - lse.unsqueeze(-1)                                                   # log-softmax, (N, C)
    nll = -log_p.gather(-1, targets.long().unsqueeze(-1)).squeeze(-1)
    uniform = -log_p.mean(dim=-1)               # epsilon is spread over ALL C classes, the target included
    ce = (1.0 - epsilon) * nll + epsilon * uniform
    return ce.mean() + z_loss_coef * (lse * lse).mean()
