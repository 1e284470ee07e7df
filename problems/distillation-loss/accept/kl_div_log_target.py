# Built-ins: F.kl_div(input=log p_s, target=log p_t, log_target=True, reduction="batchmean").
import torch
import torch.nn.functional as F


def distillation_loss(student_logits, teacher_logits, labels, T=2.0, alpha=0.5):
    kl = F.kl_div(F.log_softmax(student_logits / T, dim=-1), F.log_softmax(teacher_logits / T, dim=-1),
                  reduction="batchmean", log_target=True)
    return alpha * T**2 * kl + (1 - alpha) * F.cross_entropy(student_logits, labels)
