import numpy as np


def lion_step(param: np.ndarray, grad: np.ndarray, m: np.ndarray, lr: float = 1e-4, beta1: float = 0.9,
              beta2: float = 0.99, weight_decay: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Return (new_param, new_m) after one Lion step with decoupled, lr-scaled weight decay (Chen et al. 2023)."""
    p = np.asarray(param, dtype=np.float64)
    g = np.asarray(grad, dtype=np.float64)
    m = np.asarray(m, dtype=np.float64)
    update = np.sign(beta1 * m + (1.0 - beta1) * g)      # interpolate with beta1, then take the sign (sign(0) = 0)
    new_param = p - lr * (update + weight_decay * p)     # decay uses the parameter from before the step
    new_m = beta2 * m + (1.0 - beta2) * g                # the momentum is tracked with beta2, after the update
    return new_param, new_m
