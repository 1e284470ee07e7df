import numpy as np


def rms_norm_backward(dy: np.ndarray, x: np.ndarray, g: np.ndarray, eps: float = 1e-6):
    """Backward pass of RMSNorm over the last axis.

    Forward: y = x / sqrt(mean(x**2, axis=-1, keepdims=True) + eps) * g, x (N, D), g (D,).
    dy: (N, D), the upstream gradient. Returns (dx, dg): dx (N, D), dg (D,), float64.
    """
    return None
