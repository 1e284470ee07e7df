# Stable log-sum-exp for the cross-entropy, but the z-loss squares the log-sum-exp of the SHIFTED logits
# (z - max), forgetting to add the max back: the z-loss then no longer penalises the size of the logits.
import torch


def label_smoothing_z_loss(logits, targets, epsilon=0.1, z_loss_coef=1e-4):
    shifted = logits - logits.max(-1, keepdim=True).values
    lse_shifted = torch.log(torch.exp(shifted).sum(-1))
    log_p = shifted - lse_shifted.unsqueeze(-1)
    nll = -log_p.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    ce = (1 - epsilon) * nll - epsilon * log_p.mean(-1)
    return ce.mean() + z_loss_coef * (lse_shifted**2).mean()
