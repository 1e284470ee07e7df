import numpy as np


def clip_grad_norm(grads, max_norm):
    if not grads:
        return [], 0.0
    flat = np.concatenate([g.ravel() for g in grads])
    total = float(np.linalg.norm(flat))
    coef = min(1.0, max_norm / (total + 1e-6))
    flat = flat * coef
    out, start = [], 0
    for g in grads:
        out.append(flat[start:start + g.size].reshape(g.shape))
        start += g.size
    return out, total
