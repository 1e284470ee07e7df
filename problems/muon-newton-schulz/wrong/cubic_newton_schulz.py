# The classic cubic Newton-Schulz step X <- 1.5 X - 0.5 X X^T X, five times: it converges far more slowly than the
# tuned quintic, so after five steps small singular values are still far from 1.
import torch


def muon_step(param, grad, momentum_buffer, lr=0.02, beta=0.95, weight_decay=0.0, nesterov=True):
    buf = beta * momentum_buffer + (1 - beta) * grad
    X = (1 - beta) * grad + beta * buf if nesterov else buf
    tall = X.shape[0] > X.shape[1]
    if tall:
        X = X.T
    X = X / (torch.linalg.matrix_norm(X) + 1e-7)
    for _ in range(5):
        X = 1.5 * X - 0.5 * (X @ X.T) @ X
    o = (X.T if tall else X) * max(1.0, grad.shape[0] / grad.shape[1]) ** 0.5
    return param * (1 - lr * weight_decay) - lr * o, buf
