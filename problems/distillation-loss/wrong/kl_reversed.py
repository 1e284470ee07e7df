# KL in the wrong direction: KL(p_s || p_t) instead of KL(p_t || p_s).
import torch


def distillation_loss(student_logits, teacher_logits, labels, T=2.0, alpha=0.5):
    log_p_s = torch.log_softmax(student_logits / T, dim=-1)
    log_p_t = torch.log_softmax(teacher_logits / T, dim=-1)
    kl = (log_p_s.exp() * (log_p_s - log_p_t)).sum(dim=-1).mean()
    ce = torch.nn.functional.cross_entropy(student_logits, labels)
    return alpha * T**2 * kl + (1 - alpha) * ce
