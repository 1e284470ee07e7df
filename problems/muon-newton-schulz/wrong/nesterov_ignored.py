# Orthogonalises the momentum buffer itself even when nesterov=True (plain heavy-ball momentum).
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
    o = _ns5(buf) * max(1.0, grad.shape[0] / grad.shape[1]) ** 0.5
    return param * (1 - lr * weight_decay) - lr * o, buf
