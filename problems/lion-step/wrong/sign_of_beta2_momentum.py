# Updates the momentum first (with beta2) and takes the sign of the new momentum, as in signed SGD with momentum;
# Lion's update interpolates with beta1 and only then updates the momentum with beta2.
import numpy as np


def lion_step(param, grad, m, lr=1e-4, beta1=0.9, beta2=0.99, weight_decay=0.0):
    new_m = beta2 * m + (1 - beta2) * grad
    return param - lr * (np.sign(new_m) + weight_decay * param), new_m
