import numpy as np


def adamw_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01):
    # Two phases, in PyTorch's order: shrink in place, then the plain Adam step.
    p = param.copy()
    p *= 1.0 - lr * weight_decay
    new_m = beta1 * m + (1.0 - beta1) * grad
    new_v = beta2 * v + (1.0 - beta2) * np.square(grad)
    bias1, bias2 = 1.0 - beta1**t, 1.0 - beta2**t
    p -= (lr / bias1) * new_m / (np.sqrt(new_v / bias2) + eps)
    return p, new_m, new_v
