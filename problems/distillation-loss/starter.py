import torch


def distillation_loss(student_logits: torch.Tensor, teacher_logits: torch.Tensor, labels: torch.Tensor,
                      T: float = 2.0, alpha: float = 0.5) -> torch.Tensor:
    """Hinton-style distillation loss.

    student_logits, teacher_logits: float64 tensors (B, C); labels: int64 tensor (B,).
    Returns alpha * T**2 * KL(p_t || p_s) + (1 - alpha) * CE(student_logits, labels) as a 0-dim tensor
    (or a Python float), with p = softmax(logits / T), KL summed over classes and averaged over the batch.
    """
    return None
