import math

import numpy as np


def gelu(x: np.ndarray, approximate: str = "none") -> np.ndarray:
    """GELU(x) = x * Phi(x), exactly ("none") or with the tanh approximation ("tanh").

    x: float64 array of any shape (possibly empty). Returns a float64 array of the same shape.
    """
    raise NotImplementedError
