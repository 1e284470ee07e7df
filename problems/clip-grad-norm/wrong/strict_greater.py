import numpy as np


def clip_grad_norm(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(g**2) for g in grads)))
    # Compares the norm to max_norm instead of testing the clip coefficient (misses norm == max_norm).
    if total > max_norm:
        coef = max_norm / (total + 1e-6)
        return [g * coef for g in grads], total
    return [g.copy() for g in grads], total
