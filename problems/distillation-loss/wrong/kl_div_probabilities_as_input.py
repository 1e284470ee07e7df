# F.kl_div expects log-probabilities as its first argument; passing probabilities gives garbage.
import torch
import torch.nn.functional as F


def distillation_loss(student_logits, teacher_logits, labels, T=2.0, alpha=0.5):
    kl = F.kl_div(F.softmax(student_logits / T, dim=-1), F.softmax(teacher_logits / T, dim=-1),
                  reduction="batchmean")
    return alpha * T**2 * kl + (1 - alpha) * F.cross_entropy(student_logits, labels)
