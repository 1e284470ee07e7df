import numpy as np


def sgd_momentum_step(param, grad, velocity, lr, momentum, weight_decay=0.0, nesterov=False):
    # Mixes the textbook convention (v <- mu*v - lr*g, p <- p + v) into PyTorch's state layout.
    g = grad + weight_decay * param
    v = momentum * velocity - lr * g
    if nesterov:
        return param + momentum * v - lr * g, v
    return param + v, v
