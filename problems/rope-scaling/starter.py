import numpy as np


def rope_scaled(x: np.ndarray, positions: np.ndarray, base: float = 10000.0, scaling: str = "none",
                factor: float = 1.0) -> np.ndarray:
    """Rotate-half RoPE with optional context-extension scaling.

    x: float64 (T, d), d even >= 4; positions: int64 (T,).
    scaling "none": angle p * base^(-2i/d); "linear": (p / factor) * base^(-2i/d);
    "ntk": p * base'^(-2i/d) with base' = base * factor^(d / (d - 2)).
    Pairs (x_i, x_{i+d/2}) are rotated by the angle of frequency i. Returns float64 (T, d).
    """
    return None
