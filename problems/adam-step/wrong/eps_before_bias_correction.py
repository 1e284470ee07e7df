import numpy as np


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    # The paper's "efficient" form with eps on the uncorrected sqrt(v): not what torch.optim.Adam does.
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    step_size = lr * np.sqrt(1 - beta2**t) / (1 - beta1**t)
    return param - step_size * m / (np.sqrt(v) + eps), m, v
