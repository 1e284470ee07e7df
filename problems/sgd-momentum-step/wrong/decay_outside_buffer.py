import numpy as np


def sgd_momentum_step(param, grad, velocity, lr, momentum, weight_decay=0.0, nesterov=False):
    # Weight decay applied to the parameter directly instead of being added to the gradient first.
    v = momentum * velocity + grad
    direction = grad + momentum * v if nesterov else v
    return param - lr * (direction + weight_decay * param), v
