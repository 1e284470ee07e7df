import numpy as np


def sgd_momentum_step(param: np.ndarray, grad: np.ndarray, velocity: np.ndarray, lr: float,
                      momentum: float, weight_decay: float = 0.0,
                      nesterov: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Return (new_param, new_velocity) after one torch.optim.SGD step (dampening 0)."""
    raise NotImplementedError
