import numpy as np


def apply_rope(x: np.ndarray, positions: np.ndarray, base: float = 10000.0) -> np.ndarray:
    """Rotate feature pairs (i, i + d/2) of each row of x by positions[t] * base^(-2i/d) (GPT-NeoX / LLaMA-HF).

    x: (T, d) float64 with d even; positions: (T,) int64. Returns a float64 array of shape (T, d).
    """
    raise NotImplementedError
