import math

import numpy as np


def clip_grad_norm(grads: list[np.ndarray], max_norm: float) -> tuple[list[np.ndarray], float]:
    """Return (clipped copies of grads, total L2 norm before clipping), as torch.nn.utils.clip_grad_norm_."""
    arrays = [np.asarray(g, dtype=np.float64) for g in grads]
    total_norm = math.sqrt(sum(float(np.sum(g * g)) for g in arrays))
    coef = max_norm / (total_norm + 1e-6)
    if coef < 1.0:
        arrays = [g * coef for g in arrays]
    else:
        arrays = [g.copy() for g in arrays]
    return arrays, total_norm
