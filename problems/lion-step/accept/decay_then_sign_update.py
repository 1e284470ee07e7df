# lion-pytorch's order: shrink the weights first, then subtract lr * sign(c); momentum as a lerp towards the gradient.
import numpy as np


def lion_step(param, grad, m, lr=1e-4, beta1=0.9, beta2=0.99, weight_decay=0.0):
    p = param * (1 - lr * weight_decay)
    c = m + (1 - beta1) * (grad - m)          # = beta1*m + (1-beta1)*g
    p = p - lr * np.sign(c)
    new_m = m + (1 - beta2) * (grad - m)      # = beta2*m + (1-beta2)*g
    return p, new_m
