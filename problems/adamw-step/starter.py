import numpy as np


def adamw_step(param: np.ndarray, grad: np.ndarray, m: np.ndarray, v: np.ndarray, t: int,
               lr: float = 1e-3, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8,
               weight_decay: float = 0.01) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (new_param, new_m, new_v) after AdamW step t (1-based), as torch.optim.AdamW computes it."""
    raise NotImplementedError
