import numpy as np


def rms_norm(x: np.ndarray, weight: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """Divide each last-axis slice by its root mean square (no mean subtraction), then scale by weight.

    x: (..., D) float64; weight: (D,) float64. Returns a float64 array shaped like x.
    """
    raise NotImplementedError
