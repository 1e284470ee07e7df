# Spreads epsilon over the C - 1 wrong classes only (target gets exactly 1 - epsilon), the convention of some
# older codebases; torch's label_smoothing spreads epsilon / C over all C classes, the target included.
import torch


def label_smoothing_z_loss(logits, targets, epsilon=0.1, z_loss_coef=1e-4):
    lse = torch.logsumexp(logits, dim=-1)
    log_p = logits - lse.unsqueeze(-1)
    c = logits.shape[-1]
    q = torch.full_like(log_p, epsilon / (c - 1))
    q.scatter_(-1, targets.unsqueeze(-1), 1.0 - epsilon)
    return -(q * log_p).sum(-1).mean() + z_loss_coef * (lse**2).mean()
