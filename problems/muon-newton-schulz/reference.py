import torch


def newton_schulz5(G: torch.Tensor, steps: int = 5) -> torch.Tensor:
    """Keller Jordan's quintic Newton-Schulz iteration, in float64: an approximate U V^T of G = U S V^T."""
    a, b, c = 3.4445, -4.7750, 2.0315
    X = G.to(torch.float64)
    tall = G.shape[0] > G.shape[1]
    if tall:
        X = X.T                                   # iterate on the wide side: X @ X.T is the smaller Gram matrix
    X = X / (torch.linalg.matrix_norm(X) + 1e-7)  # Frobenius norm >= spectral norm, so singular values <= 1
    for _ in range(steps):
        A = X @ X.T
        B = b * A + c * A @ A
        X = a * X + B @ X
    return X.T if tall else X


def muon_step(param: torch.Tensor, grad: torch.Tensor, momentum_buffer: torch.Tensor, lr: float = 0.02,
              beta: float = 0.95, weight_decay: float = 0.0, nesterov: bool = True) -> tuple[torch.Tensor, torch.Tensor]:
    """Return (new_param, new_momentum_buffer) after one Muon step on a 2-D parameter; inputs are not modified."""
    g = grad.to(torch.float64)
    buf = beta * momentum_buffer + (1.0 - beta) * g             # momentum as an EMA (torch lerp(grad, 1 - beta))
    update = (1.0 - beta) * g + beta * buf if nesterov else buf  # Nesterov look-ahead: lerp(grad, buf, beta)
    o = newton_schulz5(update)
    o = o * max(1.0, grad.shape[0] / grad.shape[1]) ** 0.5      # tall matrices: RMS-matching aspect-ratio scale
    new_param = param * (1.0 - lr * weight_decay) - lr * o
    return new_param, buf
