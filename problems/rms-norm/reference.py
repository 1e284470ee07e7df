import numpy as np


def rms_norm(x: np.ndarray, weight: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """Divide each last-axis slice by its root mean square (no mean subtraction), then scale by weight."""
    x = np.asarray(x, dtype=np.float64)
    mean_square = np.mean(x * x, axis=-1, keepdims=True)
    return x / np.sqrt(mean_square + eps) * weight
