import numpy as np


def clip_grad_norm(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(g**2) for g in grads)))
    coef = max_norm / (total + 1e-6)
    if coef < 1:
        grads = [g * coef for g in grads]
        total = float(np.sqrt(sum(np.sum(g**2) for g in grads)))  # norm AFTER clipping: wrong
    return list(grads), total
