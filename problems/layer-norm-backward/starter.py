import numpy as np


def layer_norm_backward(
    dy: np.ndarray, x: np.ndarray, gamma: np.ndarray, eps: float = 1e-5
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients (dx, dgamma, dbeta) of LayerNorm over the last axis of x (N, D), given dy = dL/dy."""
    raise NotImplementedError
