import numpy as np


def clip_grad_norm(grads, max_norm):
    # Clips each tensor by its own norm: changes the update direction, and misses the global norm.
    out, total_sq = [], 0.0
    for g in grads:
        norm = float(np.linalg.norm(g))
        total_sq += norm**2
        coef = max_norm / (norm + 1e-6)
        out.append(g * coef if coef < 1 else g.copy())
    return out, total_sq**0.5
