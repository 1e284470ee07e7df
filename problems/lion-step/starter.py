import numpy as np


def lion_step(param: np.ndarray, grad: np.ndarray, m: np.ndarray, lr: float = 1e-4, beta1: float = 0.9,
              beta2: float = 0.99, weight_decay: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """One Lion step: c = beta1*m + (1-beta1)*g; new_param = param - lr*(sign(c) + weight_decay*param);
    new_m = beta2*m + (1-beta2)*g. Returns (new_param, new_m) as float64 arrays; inputs unchanged."""
    return None
