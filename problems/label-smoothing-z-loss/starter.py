import torch


def label_smoothing_z_loss(logits: torch.Tensor, targets: torch.Tensor, epsilon: float = 0.1,
                           z_loss_coef: float = 1e-4) -> torch.Tensor:
    """Label-smoothed cross-entropy (as F.cross_entropy(label_smoothing=epsilon)) plus the z-loss.

    logits: float64 (N, C); targets: int64 (N,). Returns
    mean_i[(1 - epsilon) * (-log p_i[y_i]) + epsilon * mean_c(-log p_i[c])] + z_loss_coef * mean_i(lse_i ** 2)
    as a 0-d tensor, where lse_i = logsumexp(logits[i]).
    """
    return None
