# Never transposes: (X X^T) X = X (X^T X), so iterating on a tall matrix gives the same polynomial in X, only with
# the larger Gram matrix. Momentum with torch.lerp on copies.
import torch


def muon_step(param, grad, momentum_buffer, lr=0.02, beta=0.95, weight_decay=0.0, nesterov=True):
    buf = torch.lerp(momentum_buffer, grad, 1 - beta)
    update = torch.lerp(grad, buf, beta) if nesterov else buf
    X = update / (update.norm() + 1e-7)
    for _ in range(5):
        A = X @ X.mT
        X = 3.4445 * X + (-4.7750 * A + 2.0315 * (A @ A)) @ X
    new_param = param.clone()
    new_param.mul_(1 - lr * weight_decay).add_(X, alpha=-lr * max(1, grad.size(-2) / grad.size(-1)) ** 0.5)
    return new_param, buf
