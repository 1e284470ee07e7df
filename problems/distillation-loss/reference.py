import torch


def distillation_loss(student_logits: torch.Tensor, teacher_logits: torch.Tensor, labels: torch.Tensor,
                      T: float = 2.0, alpha: float = 0.5) -> torch.Tensor:
    """Return alpha * T^2 * KL(p_t || p_s) + (1 - alpha) * CE(student, labels) as a 0-dim float64 tensor."""
    student = student_logits.to(torch.float64)
    teacher = teacher_logits.to(torch.float64)
    # Work in log space: log_softmax subtracts the row max, so logits of size 1e3 do not overflow,
    # and p_t * (log p_t - log p_s) stays finite even where p_t underflows to 0.
    log_p_s = torch.log_softmax(student / T, dim=-1)
    log_p_t = torch.log_softmax(teacher / T, dim=-1)
    kl = (log_p_t.exp() * (log_p_t - log_p_s)).sum(dim=-1).mean()       # sum over classes, mean over batch
    log_q = torch.log_softmax(student, dim=-1)                            # hard-label term: unscaled logits
    ce = -log_q.gather(-1, labels.long().unsqueeze(-1)).squeeze(-1).mean()
    return alpha * T * T * kl + (1.0 - alpha) * ce
