import numpy as np


def sgd_momentum_step(param, grad, velocity, lr, momentum, weight_decay=0.0, nesterov=False):
    g = grad + weight_decay * param
    new_velocity = momentum * velocity + g
    if nesterov:
        # g + mu * (mu * v + g) written out
        step = (1.0 + momentum) * g + momentum * momentum * velocity
    else:
        step = new_velocity
    new_param = param.copy()
    new_param -= lr * step
    return (new_param, new_velocity)
