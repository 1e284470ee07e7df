# Leaves out the sqrt(max(1, rows/cols)) factor: tall matrices get updates that are too small.
import torch


def _ns5(G):
    X = G.T if G.shape[0] > G.shape[1] else G
    X = X / (torch.linalg.matrix_norm(X) + 1e-7)
    for _ in range(5):
        A = X @ X.T
        X = 3.4445 * X + (-4.7750 * A + 2.0315 * A @ A) @ X
    return X.T if G.shape[0] > G.shape[1] else X


def muon_step(param, grad, momentum_buffer, lr=0.02, beta=0.95, weight_decay=0.0, nesterov=True):
    buf = beta * momentum_buffer + (1 - beta) * grad
    update = (1 - beta) * grad + beta * buf if nesterov else buf
    return param * (1 - lr * weight_decay) - lr * _ns5(update), buf
