import math

import numpy as np

# erfc keeps full relative accuracy in the left tail, where 1 + erf(z) would cancel to 0.
_erfc = np.vectorize(math.erfc, otypes=[np.float64])


def gelu(x: np.ndarray, approximate: str = "none") -> np.ndarray:
    """GELU(x) = x * Phi(x), exactly ("none") or with the tanh approximation ("tanh")."""
    x = np.asarray(x, dtype=np.float64)
    if approximate == "none":
        # Phi(x) = (1 + erf(x / sqrt 2)) / 2 = erfc(-x / sqrt 2) / 2.
        return 0.5 * x * _erfc(-x / math.sqrt(2.0))
    if approximate == "tanh":
        inner = math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3)
        return 0.5 * x * (1.0 + np.tanh(inner))
    raise ValueError(f"approximate must be 'none' or 'tanh', got {approximate!r}")
