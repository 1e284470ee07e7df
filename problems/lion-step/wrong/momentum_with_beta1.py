# Tracks the momentum with beta1 (the interpolation factor) instead of beta2: the returned state is wrong.
import numpy as np


def lion_step(param, grad, m, lr=1e-4, beta1=0.9, beta2=0.99, weight_decay=0.0):
    c = beta1 * m + (1 - beta1) * grad
    return param - lr * (np.sign(c) + weight_decay * param), c
