# NumPy implementation: convert the tensors, compute with log-sum-exp, return a Python float.
import numpy as np


def _log_softmax(z):
    z = z - z.max(axis=-1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=-1, keepdims=True))


def distillation_loss(student_logits, teacher_logits, labels, T=2.0, alpha=0.5):
    s = student_logits.numpy().astype(np.float64)
    t = teacher_logits.numpy().astype(np.float64)
    y = labels.numpy()
    log_p_s, log_p_t = _log_softmax(s / T), _log_softmax(t / T)
    kl = np.mean(np.sum(np.exp(log_p_t) * (log_p_t - log_p_s), axis=-1))
    ce = -np.mean(_log_softmax(s)[np.arange(len(y)), y])
    return float(alpha * T**2 * kl + (1 - alpha) * ce)
