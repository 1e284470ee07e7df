import numpy as np


def adam_step(param: np.ndarray, grad: np.ndarray, m: np.ndarray, v: np.ndarray, t: int,
              lr: float = 1e-3, beta1: float = 0.9, beta2: float = 0.999,
              eps: float = 1e-8) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (new_param, new_m, new_v) after Adam step t (1-based), as torch.optim.Adam computes it."""
    g = np.asarray(grad, dtype=np.float64)
    new_m = beta1 * np.asarray(m, dtype=np.float64) + (1.0 - beta1) * g
    new_v = beta2 * np.asarray(v, dtype=np.float64) + (1.0 - beta2) * g * g
    m_hat = new_m / (1.0 - beta1**t)
    v_hat = new_v / (1.0 - beta2**t)
    new_param = np.asarray(param, dtype=np.float64) - lr * m_hat / (np.sqrt(v_hat) + eps)
    return new_param, new_m, new_v
