# Skips the division by the Frobenius norm: the quintic only contracts singular values in (0, ~1.1], so larger ones
# explode (inf/NaN for big gradients) and smaller ones land elsewhere.
import torch


def muon_step(param, grad, momentum_buffer, lr=0.02, beta=0.95, weight_decay=0.0, nesterov=True):
    buf = beta * momentum_buffer + (1 - beta) * grad
    X = (1 - beta) * grad + beta * buf if nesterov else buf
    tall = X.shape[0] > X.shape[1]
    if tall:
        X = X.T
    for _ in range(5):
        A = X @ X.T
        X = 3.4445 * X + (-4.7750 * A + 2.0315 * A @ A) @ X
    o = (X.T if tall else X) * max(1.0, grad.shape[0] / grad.shape[1]) ** 0.5
    return param * (1 - lr * weight_decay) - lr * o, buf
