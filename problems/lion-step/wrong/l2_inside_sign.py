# Adds the decay to the gradient (L2 regularisation) before the sign: the decay then only flips signs and never
# shrinks the weights by lr * weight_decay * param.
import numpy as np


def lion_step(param, grad, m, lr=1e-4, beta1=0.9, beta2=0.99, weight_decay=0.0):
    g = grad + weight_decay * param
    update = np.sign(beta1 * m + (1 - beta1) * g)
    return param - lr * update, beta2 * m + (1 - beta2) * g
