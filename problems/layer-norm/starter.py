import numpy as np


def layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-5) -> np.ndarray:
    """Normalise over the last axis with the biased variance, then scale by gamma and shift by beta.

    x: (..., D) float64; gamma, beta: (D,) float64. Returns a float64 array shaped like x.
    """
    raise NotImplementedError
