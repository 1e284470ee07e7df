# Forgets the T^2 factor: soft-target gradients shrink like 1/T^2, so the KL term is under-weighted.
import torch
import torch.nn.functional as F


def distillation_loss(student_logits, teacher_logits, labels, T=2.0, alpha=0.5):
    kl = F.kl_div(F.log_softmax(student_logits / T, dim=-1), F.softmax(teacher_logits / T, dim=-1),
                  reduction="batchmean")
    return alpha * kl + (1 - alpha) * F.cross_entropy(student_logits, labels)
