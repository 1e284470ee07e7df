import torch


def muon_step(param: torch.Tensor, grad: torch.Tensor, momentum_buffer: torch.Tensor, lr: float = 0.02,
              beta: float = 0.95, weight_decay: float = 0.0, nesterov: bool = True) -> tuple[torch.Tensor, torch.Tensor]:
    """One Muon step on a 2-D float64 parameter (m, n). See the statement for every convention:
    buf = beta*buf + (1-beta)*grad; update = (1-beta)*grad + beta*buf if nesterov else buf;
    O = 5 quintic Newton-Schulz steps on update / (||update||_F + 1e-7) (coefficients 3.4445, -4.7750, 2.0315);
    new_param = param*(1 - lr*weight_decay) - lr*sqrt(max(1, m/n))*O. Returns (new_param, buf)."""
    return None
