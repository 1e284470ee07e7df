import numpy as np


def clip_grad_norm(grads, max_norm):
    # Normalises to max_norm even when the norm is already below it (scales small gradients UP).
    total = float(np.sqrt(sum(np.sum(g**2) for g in grads)))
    coef = max_norm / (total + 1e-6)
    return [g * coef for g in grads], total
