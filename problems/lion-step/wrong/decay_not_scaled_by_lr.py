# Decoupled decay without the learning rate: param * (1 - weight_decay) shrinks far too much per step.
import numpy as np


def lion_step(param, grad, m, lr=1e-4, beta1=0.9, beta2=0.99, weight_decay=0.0):
    update = np.sign(beta1 * m + (1 - beta1) * grad)
    return param * (1 - weight_decay) - lr * update, beta2 * m + (1 - beta2) * grad
