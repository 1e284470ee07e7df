# Replaces Newton-Schulz by the exact orthogonal factor U V^T from an SVD. Five quintic steps do not converge to it:
# they map every singular value into roughly [0.7, 1.2], which is what Muon is defined to apply.
import torch


def muon_step(param, grad, momentum_buffer, lr=0.02, beta=0.95, weight_decay=0.0, nesterov=True):
    buf = beta * momentum_buffer + (1 - beta) * grad
    update = (1 - beta) * grad + beta * buf if nesterov else buf
    U, S, Vh = torch.linalg.svd(update, full_matrices=False)
    o = (U @ Vh) * max(1.0, grad.shape[0] / grad.shape[1]) ** 0.5
    return param * (1 - lr * weight_decay) - lr * o, buf
